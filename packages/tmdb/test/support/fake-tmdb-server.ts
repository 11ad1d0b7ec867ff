import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createFakeTmdb, type FakeTmdb, type FakeTmdbOptions } from '@lbx/testkit';
import { createTmdbClient, type Logger, type TmdbClient, type TmdbClientOptions } from '@lbx/tmdb';

/** One msw server per test file, the stateful fake installed before each test and reset after. */
export function useFakeTmdb(options: FakeTmdbOptions = {}) {
  const fake: FakeTmdb = createFakeTmdb(options);
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  beforeEach(() => server.use(...fake.handlers));
  afterEach(() => {
    server.resetHandlers();
    fake.reset();
  });
  afterAll(() => server.close());

  /** A client with every credential of the fake, fast retries; override anything. */
  const client = (overrides: TmdbClientOptions = {}): TmdbClient =>
    createTmdbClient({
      readAccessToken: fake.credentials.readAccessToken,
      userAccessToken: fake.credentials.userAccessToken,
      accountId: fake.credentials.accountId,
      retry: { limit: 2, maxDelayMs: 5, maxRetryAfterMs: 50 },
      maxRequestsPerSecond: 1000,
      ...overrides,
    });

  return { fake, server, client };
}

/** A logger that keeps every line (message + meta as JSON) for assertions. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
  };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}
