/** One fake Letterboxd API per test file behind msw (unhandled requests fail), reset after each test. */
import { createFakeLetterboxdApi, type FakeLetterboxdApiOptions } from '@lbx/testkit';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createLetterboxdApiClient, type LetterboxdApiClientOptions } from '@lbx/letterboxd';

export function useFakeApi(options: FakeLetterboxdApiOptions = {}) {
  const fake = createFakeLetterboxdApi(options);
  const server = setupServer(...fake.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    fake.reset();
  });
  afterAll(() => server.close());
  /** A client of the fake with test pacing (no spacing, 1 ms backoff) and the fake's credentials. */
  const client = (extra: Partial<LetterboxdApiClientOptions> = {}) =>
    createLetterboxdApiClient({
      ...fake.credentials,
      minDelayMs: 0,
      retry: { limit: 2, backoffMs: 1 },
      ...extra,
    });
  /** Requests by kind: the token endpoint, member search, and film listings. */
  const count = () => ({
    token: fake.requests.filter((r) => r.path === '/auth/token').length,
    search: fake.requests.filter((r) => r.path === '/search').length,
    films: fake.requests.filter((r) => r.path === '/films' || r.path.endsWith('/watchlist') || r.path.endsWith('/entries')).length,
    total: fake.requests.length,
  });
  return { fake, server, client, count };
}
