import { http, type RequestHandler } from 'msw';
import { armRule, takeRule } from '../faults/fail-rules.js';
import { approvePage } from './approve-page.js';
import { waitLatency } from '../faults/latency.js';
import { identify } from './auth.js';
import { tmdbError, type TmdbCode } from './responses.js';
import { bodyReader, findRoute, type Route } from './router.js';
import { listItemRoutes } from './routes-list-items.js';
import { listRoutes } from './routes-lists.js';
import { authRoutes } from './routes-auth.js';
import { v3Routes } from './routes-v3.js';
import { buildList, createState, resetState, type FakeState } from './state.js';
import type { FakeTmdb, FakeTmdbOptions } from './types.js';
import { defaultTmdbCatalogue } from './catalogue.js';

const ROUTES: readonly Route[] = [...v3Routes, ...authRoutes, ...listRoutes, ...listItemRoutes];

const FAILURE_CODES: Record<number, TmdbCode> = { 429: 25, 500: 11, 502: 43, 503: 9, 504: 24 };

function injectedFailure(state: FakeState, method: string, path: string): Response | null {
  const rule = takeRule(state.failRules, method, path);
  if (!rule) return null;
  const headers = rule.retryAfter === undefined ? undefined : { 'Retry-After': String(rule.retryAfter) };
  return tmdbError(rule.status, FAILURE_CODES[rule.status] ?? 11, { headers });
}

function unmatched(path: string, credentialOk: boolean): Response {
  if (!credentialOk) return path.startsWith('/3/') ? tmdbError(401, 7) : tmdbError(401, 3);
  return tmdbError(404, 34);
}

function redactedQuery(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete('api_key');
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

async function answer(state: FakeState, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  const { kind, token } = identify(request, url, state);
  if (state.options.latencyMs > 0) await waitLatency(state.options.latencyMs, request.signal);
  const found = findRoute(ROUTES, method, url.pathname);
  const response =
    injectedFailure(state, method, url.pathname) ??
    (found
      ? await found.route.handle({
          request,
          url,
          params: found.params,
          credential: kind,
          token,
          state,
          body: bodyReader(request),
        })
      : unmatched(url.pathname, kind === 'api-key' || kind === 'read-token' || kind === 'user-token'));
  state.requests.push({ method, path: url.pathname, query: redactedQuery(url), status: response.status, credential: kind });
  if (found?.route.write && response.status >= 200 && response.status < 300) state.writes += 1;
  return response;
}

/**
 * A stateful fake of TMDb's v3 lookups, v4 sign-in and v4 lists as msw handlers. It checks credentials like
 * TMDb (the read token is refused for writes with code 36), keeps lists in memory, paginates by 20, answers
 * TMDb's error bodies, and can be told to fail (429/5xx) for the next requests.
 */
export function createFakeTmdb(options: FakeTmdbOptions = {}): FakeTmdb {
  const baseUrl = (options.baseUrl ?? 'https://api.themoviedb.org').replace(/\/+$/, '');
  const state = createState({
    origin: baseUrl,
    movies: options.movies ?? defaultTmdbCatalogue.movies,
    tv: options.tv ?? defaultTmdbCatalogue.tv,
    latencyMs: options.latencyMs ?? 0,
    cacheListReads: options.cacheListReads ?? true,
    acceptUnknownMedia: options.acceptUnknownMedia ?? false,
  });
  const resolver = ({ request }: { request: Request }) => answer(state, request);
  const handlers: RequestHandler[] = [
    http.all(`${baseUrl}/3/*`, resolver),
    http.all(`${baseUrl}/4/*`, resolver),
    http.get(`${baseUrl}/auth/access`, ({ request }) => approvePage(state, new URL(request.url))),
  ];

  return {
    baseUrl,
    credentials: state.credentials,
    handlers,
    lists: state.lists,
    movies: state.movies,
    tv: state.tv,
    requests: state.requests,
    writeCount: () => state.writes,
    failNext(rule) {
      armRule(state.failRules, rule);
    },
    approveRequestToken(requestToken) {
      const pending = state.pendingRequestTokens.get(requestToken);
      if (!pending) throw new Error('fake TMDb: unknown request token (create one with POST /4/auth/request_token first)');
      pending.approved = true;
    },
    seedList(input) {
      const list = buildList(state, input);
      state.lists.set(list.id, list);
      return list;
    },
    reset: () => resetState(state),
  };
}
