import { getResponse, type RequestHandler } from 'msw';

/**
 * A `fetch` answered by msw handlers in this process: no socket and no global interception, so each client in the
 * benchmark talks only to the fake it was given. Unhandled requests fail loudly.
 */
export function handlersFetch(handlers: readonly RequestHandler[]): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await getResponse([...handlers], request);
    if (!response) throw new Error(`bench: no fake answers ${request.method} ${request.url}`);
    return response;
  };
}

/**
 * Wraps a `fetch` so each URL is fetched once and its body replayed afterwards: parse benchmarks then measure the
 * client's own work (request pipeline, parsing, validation), not the fake's page rendering.
 */
export function replayingFetch(inner: typeof globalThis.fetch): typeof globalThis.fetch {
  const cache = new Map<string, { status: number; headers: [string, string][]; body: string }>();
  return async (input, init) => {
    const request = new Request(input, init);
    let entry = cache.get(request.url);
    if (!entry) {
      const response = await inner(request);
      entry = { status: response.status, headers: [...response.headers], body: await response.text() };
      cache.set(request.url, entry);
    }
    return new Response(entry.body, { status: entry.status, headers: entry.headers });
  };
}
