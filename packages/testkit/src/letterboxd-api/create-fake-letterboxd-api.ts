import { HttpResponse, http, type RequestHandler } from 'msw';
import { armRule, takeRule, type ArmedRule } from '../faults/fail-rules';
import { waitLatency } from '../faults/latency';
import { demoMembers } from '../letterboxd/demo-members';
import type { FakeMember } from '../letterboxd/types';
import { memberLid } from './api-shapes';
import { type ApiData, answerGet, apiError } from './api-routes';
import type { FakeLetterboxdApi, FakeLetterboxdApiFailRule, FakeLetterboxdApiOptions, FakeLetterboxdApiRequest } from './types';

const oauthError = (status: number, error: string, description: string) =>
  HttpResponse.json({ error, error_description: description }, { status });

/**
 * A stateful fake of Letterboxd's API v0 for the endpoints lbx reads, shaped on its documentation: OAuth2
 * client-credentials tokens that expire, bearer auth on every endpoint, member search, `/films` with
 * `member`/`memberRelationship`/`sort`, watchlists, lists and list entries, `perPage` (≤ 100) and `start=N`
 * cursors, `ErrorResponse` bodies, 404 for unknown ids and opted-out members, and injected 401/429/5xx.
 * Its dataset is the fake site's (`FakeMember`), so both sources can be compared on the same member.
 */
export function createFakeLetterboxdApi(options: FakeLetterboxdApiOptions = {}): FakeLetterboxdApi {
  const baseUrl = (options.baseUrl ?? 'https://api.letterboxd.com/api/v0').replace(/\/+$/, '');
  const rootPath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const credentials = { clientId: options.clientId ?? 'fake-client-id', clientSecret: options.clientSecret ?? 'fake-client-secret' };
  const initialMembers = options.members ?? demoMembers;
  const members = new Map<string, FakeMember>();
  const requests: FakeLetterboxdApiRequest[] = [];
  const rules: Array<ArmedRule<FakeLetterboxdApiFailRule>> = [];
  const tokens = new Map<string, number>();
  const data: ApiData = { siteUrl: (options.siteUrl ?? 'https://letterboxd.com').replace(/\/+$/, ''), members, optedOut: new Set(), mode: 'member' };
  let issued = 0;
  let revoked = false;

  const reset = () => {
    members.clear();
    for (const member of initialMembers) members.set(member.username.toLowerCase(), structuredClone(member));
    data.optedOut.clear();
    data.mode = 'member';
    requests.length = 0;
    rules.length = 0;
    tokens.clear();
    issued = 0;
    revoked = false;
  };
  reset();

  async function token(request: Request): Promise<Response> {
    if (!(request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(await request.text());
    if (form.get('grant_type') !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'This sample issues client_credentials tokens only');
    }
    if (revoked || form.get('client_id') !== credentials.clientId || form.get('client_secret') !== credentials.clientSecret) {
      return oauthError(401, 'invalid_client', 'Client authentication failed');
    }
    issued += 1;
    const value = `fake-access-${issued}-${Math.random().toString(36).slice(2, 10)}`;
    const lifetime = options.tokenLifetimeSeconds ?? 3600;
    tokens.set(value, Date.now() + lifetime * 1000);
    return HttpResponse.json({ access_token: value, token_type: options.tokenType ?? 'bearer', expires_in: lifetime, issuer: 'letterboxd.com' });
  }

  function authorised(request: Request): boolean {
    const value = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const expiresAt = value === undefined ? undefined : tokens.get(value);
    return !revoked && expiresAt !== undefined && Date.now() < expiresAt;
  }

  function injected(rule: FakeLetterboxdApiFailRule): Response {
    const headers: Record<string, string> = rule.retryAfter === undefined ? {} : { 'retry-after': String(rule.retryAfter) };
    if (rule.status === 401) return apiError(401, 'Invalid or expired access token', { 'www-authenticate': 'Bearer error="invalid_token"' });
    if (rule.status === 429) return apiError(429, 'Too many requests', headers);
    return apiError(rule.status, 'The service is temporarily unavailable', headers);
  }

  async function respond(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname.slice(rootPath.length) || '/';
    const method = request.method.toUpperCase();
    if (options.latencyMs) await waitLatency(options.latencyMs, request.signal);
    let response: Response;
    if (method === 'POST' && path === '/auth/token') {
      response = takeRuleResponse(method, path) ?? (await token(request));
    } else if (!authorised(request)) {
      response = apiError(401, 'Invalid or expired access token', { 'www-authenticate': 'Bearer error="invalid_token"' });
    } else {
      response =
        takeRuleResponse(method, path) ??
        (method === 'GET' ? answerGet(data, path, url) : null) ??
        apiError(404, `No endpoint ${method} ${path}`);
    }
    requests.push({ method, path, query: url.search, status: response.status });
    return response;
  }

  function takeRuleResponse(method: string, path: string): Response | null {
    const rule = takeRule(rules, method, path);
    return rule ? injected(rule) : null;
  }

  const handlers: RequestHandler[] = [http.all(new RegExp(`^${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`), ({ request }) => respond(request))];

  return {
    baseUrl,
    handlers,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      if (!request.url.startsWith(`${baseUrl}/`)) {
        throw new TypeError(`fake Letterboxd API at ${baseUrl} cannot answer ${request.url}: use a client whose baseUrl is ${baseUrl}`);
      }
      return respond(request);
    },
    credentials,
    members,
    requests,
    memberId: memberLid,
    tokensIssued: () => issued,
    failNext(rule) {
      armRule(rules, rule);
    },
    expireTokens() {
      for (const key of tokens.keys()) tokens.set(key, 0);
    },
    revokeCredentials() {
      revoked = true;
    },
    optOut(username) {
      data.optedOut.add(username.toLowerCase());
    },
    setRelationshipMode(mode) {
      data.mode = mode;
    },
    reset,
  };
}
