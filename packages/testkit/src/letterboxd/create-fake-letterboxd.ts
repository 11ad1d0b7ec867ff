import { http, type RequestHandler } from 'msw';
import { armRule, takeRule, type ArmedRule } from '../faults/fail-rules.js';
import { waitLatency } from '../faults/latency.js';
import { demoMembers } from './demo-members.js';
import { cloudflareChallengePage, forbiddenPage, rateLimitedPage, serverErrorPage } from './error-pages.js';
import { answerPath, type SiteData } from './site-router.js';
import type { FakeLetterboxd, FakeLetterboxdFailRule, FakeLetterboxdOptions, FakeLetterboxdRequest, FakeMember } from './types.js';

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const HTML = 'text/html; charset=UTF-8';

function injected(rule: FakeLetterboxdFailRule, origin: string, path: string, ray: string): Answer {
  const retryAfter: Record<string, string> = rule.retryAfter === undefined ? {} : { 'retry-after': String(rule.retryAfter) };
  switch (rule.kind) {
    case 'cloudflare':
      return { status: 403, body: cloudflareChallengePage(ray), headers: { 'cf-mitigated': 'challenge' } };
    case 'rate-limit':
      return { status: 429, body: rateLimitedPage(origin, path), headers: retryAfter };
    case 'server-error': {
      const status = rule.status ?? 503;
      return { status, body: serverErrorPage(origin, path, status), headers: status === 503 ? retryAfter : {} };
    }
  }
}

/**
 * A fake letterboxd.com generated from a dataset of made-up members, as msw handlers and as an in-process
 * `fetch`. It serves the server-HTML shapes of 2026 (profile, films/likes/watchlist pages, film pages, member
 * RSS), Letterboxd's 404/403 pages, and on demand Cloudflare challenges, 429s and 5xx.
 */
export function createFakeLetterboxd(options: FakeLetterboxdOptions = {}): FakeLetterboxd {
  const baseUrl = (options.baseUrl ?? 'https://letterboxd.com').replace(/\/+$/, '');
  const initialMembers = options.members ?? demoMembers;
  const members = new Map<string, FakeMember>();
  const requests: FakeLetterboxdRequest[] = [];
  const rules: Array<ArmedRule<FakeLetterboxdFailRule>> = [];
  let latencyMs = options.latencyMs ?? 0;
  let blocked = options.blocked ?? false;
  let counter = 0;
  const site: SiteData = { origin: baseUrl, members };

  const addMember = (member: FakeMember) => {
    members.set(member.username.toLowerCase(), member);
  };
  const reset = () => {
    members.clear();
    for (const member of initialMembers) addMember(structuredClone(member));
    requests.length = 0;
    rules.length = 0;
    latencyMs = options.latencyMs ?? 0;
    blocked = options.blocked ?? false;
  };
  reset();

  function answer(method: string, path: string, ray: string): Answer {
    if (blocked) return { status: 403, body: cloudflareChallengePage(ray), headers: { 'cf-mitigated': 'challenge' } };
    const rule = takeRule(rules, method, path);
    if (rule) return injected(rule, baseUrl, path, ray);
    if (method !== 'GET' && method !== 'HEAD') return { status: 405, body: forbiddenPage(baseUrl, path), headers: { allow: 'GET, HEAD' } };
    const page = answerPath(site, path);
    return {
      status: page.status,
      body: page.body,
      headers: page.kind === 'rss' ? { 'content-type': 'application/rss+xml; charset=utf-8' } : {},
    };
  }

  async function respond(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    const method = request.method.toUpperCase();
    if (latencyMs > 0) await waitLatency(latencyMs, request.signal);
    counter += 1;
    const ray = `${counter.toString(16).padStart(16, '0')}-AKL`;
    const result = answer(method, pathname, ray);
    requests.push({ method, path: pathname, status: result.status });
    return new Response(method === 'HEAD' ? null : result.body, {
      status: result.status,
      headers: {
        'content-type': HTML,
        server: 'cloudflare',
        'cf-ray': ray,
        'cf-cache-status': 'DYNAMIC',
        vary: 'Accept-Encoding',
        ...result.headers,
      },
    });
  }

  // A RegExp without groups: msw then decodes no path parameters, so malformed percent-encoding (`/film/%E0/`)
  // reaches the site's 404 instead of failing in msw's matcher.
  const everyPath = new RegExp(`^${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`);
  const handlers: RequestHandler[] = [http.all(everyPath, ({ request }) => respond(request))];

  const fakeFetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (!request.url.startsWith(`${baseUrl}/`)) {
      throw new TypeError(`fake Letterboxd at ${baseUrl} cannot answer ${request.url}: use a client whose baseUrl is ${baseUrl}`);
    }
    return respond(request);
  };

  return {
    baseUrl,
    handlers,
    fetch: fakeFetch,
    members,
    requests,
    addMember,
    failNext(rule) {
      armRule(rules, rule);
    },
    setBlocked(value) {
      blocked = value;
    },
    setLatency(value) {
      latencyMs = value;
    },
    reset,
  };
}
