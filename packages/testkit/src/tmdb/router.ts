import type { FakeState } from './state.js';
import type { FakeCredentialKind } from './types.js';

/** What a route handler gets. */
export interface RouteContext {
  request: Request;
  url: URL;
  /** Capture groups of the route pattern. */
  params: string[];
  credential: FakeCredentialKind;
  /** The bearer token or API key the request carried, when valid. */
  token: string | null;
  state: FakeState;
  /** The JSON body, or `undefined` when absent; `null` when present but not JSON. */
  body(): Promise<unknown>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  /** Counted by `writeCount()` when answered with 2xx. */
  write?: boolean;
  handle(ctx: RouteContext): Response | Promise<Response>;
}

export function route(
  method: Route['method'],
  pattern: RegExp,
  handle: Route['handle'],
  write = method !== 'GET',
): Route {
  return { method, pattern, handle, write };
}

export function findRoute(routes: readonly Route[], method: string, path: string): { route: Route; params: string[] } | null {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const match = candidate.pattern.exec(path);
    if (match) return { route: candidate, params: match.slice(1) };
  }
  return null;
}

/** Read a JSON body once; tolerate an empty body. */
export function bodyReader(request: Request): () => Promise<unknown> {
  let cached: Promise<unknown> | undefined;
  return () => {
    cached ??= request.text().then((text) => {
      if (text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return null;
      }
    });
    return cached;
  };
}
