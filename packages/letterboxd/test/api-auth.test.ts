import { generateMember } from '@lbx/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LetterboxdApiAuthError, LetterboxdHttpError, type Logger, LetterboxdParseError, createLetterboxdApiClient, isLetterboxdError } from '@lbx/letterboxd';
import { useFakeApi } from './support/fake-api';

const member = generateMember({ username: 'token_tess', films: 300, likedAndRated: 250, seed: 5 });
const { fake, client, count } = useFakeApi({ members: [member], clientSecret: 'sHh-very-secret-42' });

afterEach(() => {
  vi.useRealTimers();
});

/** A logger that keeps every line, to check what reaches logs. */
function recordingLogger() {
  const lines: unknown[] = [];
  const log = (level: string) => (message: string, meta?: Record<string, unknown>) => lines.push({ level, message, meta });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, text: () => JSON.stringify(lines) };
}

describe('client-credentials token', () => {
  it('is requested lazily: creating a client sends nothing', async () => {
    client();
    expect(fake.requests).toEqual([]);
    expect(fake.tokensIssued()).toBe(0);
  });

  it('concurrent first calls share one token request', async () => {
    const api = client({ concurrency: 4 });
    await Promise.all([api.getTopRated('token_tess', { limit: 5 }), api.getLikedFilms('token_tess', { limit: 5 }), api.getMemberId('token_tess')]);
    expect(count().token).toBe(1);
  });

  it('expiring mid-run: the 401 drops the token, one new token is fetched and the page is read again', async () => {
    const api = client();
    const pages: number[] = [];
    for await (const page of api.ratedFilmsPages('token_tess')) {
      pages.push(page.films.length);
      if (page.page === 1) fake.expireTokens();
    }
    const rated = member.films.filter((f) => f.rating !== null && f.watched !== false).length;
    expect(rated).toBeGreaterThan(200);
    expect(pages).toEqual([100, 100, rated - 200]);
    expect(count().token).toBe(2);
    expect(fake.requests.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('is renewed a minute before it expires, without waiting for a 401', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const api = client();
    await api.getMemberId('token_tess');
    vi.setSystemTime(Date.now() + 3_530_000); // 70 s before expiry: still reused
    await api.getTopRated('token_tess', { limit: 1 });
    expect(count().token).toBe(1);
    vi.setSystemTime(Date.now() + 20_000); // 50 s before expiry: renewed first
    await api.getTopRated('token_tess', { limit: 1 });
    expect(count().token).toBe(2);
    expect(fake.requests.filter((r) => r.status === 401)).toEqual([]);
  });

  it('a single 401 is answered by one new token; a second 401 with a fresh token is an LetterboxdApiAuthError', async () => {
    fake.failNext({ status: 401, path: '/films' });
    const api = client();
    expect(await api.getTopRated('token_tess', { limit: 3 })).toHaveLength(3);
    expect(count().token).toBe(2);

    fake.failNext({ status: 401, path: '/films', times: 2 });
    const error = await api.getTopRated('token_tess', { limit: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdApiAuthError);
    expect(error).toMatchObject({ reason: 'rejected', status: 401 });
    expect(count().token).toBe(3);
  });

  it('accepts token_type in any case', async () => {
    const loud = useFakeApiToken('Bearer');
    expect(await loud.getMemberId('token_tess')).toBe(fake.memberId('token_tess'));
  });

  it('a token that is not a bearer token is a LetterboxdParseError', async () => {
    const mac = useFakeApiToken('mac');
    const error = await mac.getMemberId('token_tess').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect((error as LetterboxdParseError).detail).toMatch(/token_type "mac" is not a bearer token/);
  });
});

/** A client whose token endpoint answers `tokenType` (the rest is the fake). */
function useFakeApiToken(tokenType: string) {
  return createLetterboxdApiClient({
    ...fake.credentials,
    minDelayMs: 0,
    retry: { limit: 0 },
    fetch: async (input, init) => {
      const isToken = (input instanceof Request ? input.url : String(input)).endsWith('/auth/token');
      const response = await fake.fetch(input, init);
      if (!isToken) return response;
      const body = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...body, token_type: tokenType });
    },
  });
}

describe('refused or revoked credentials', () => {
  it('a wrong secret is an LetterboxdApiAuthError (refused, not retried) that names neither secret nor token', async () => {
    const { logger, text } = recordingLogger();
    const api = client({ clientSecret: 'wrong-secret-value', logger });
    const error = await api.getTopRated('token_tess').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdApiAuthError);
    expect(isLetterboxdError(error)).toBe(true);
    expect(error).toMatchObject({ reason: 'refused', status: 401, code: 'invalid_client', attempts: 1 });
    expect((error as Error).message).toMatch(/refused the API credentials.*api@letterboxd\.com/);
    expect(count()).toMatchObject({ token: 1, total: 1 });
    const seen = `${(error as Error).message} ${JSON.stringify(error)} ${text()}`;
    expect(seen).not.toContain('wrong-secret-value');
  });

  it('credentials revoked mid-run: the next token request is refused', async () => {
    const api = client();
    await api.getTopRated('token_tess', { limit: 1 });
    fake.revokeCredentials();
    await expect(api.getTopRated('token_tess', { limit: 1 })).rejects.toMatchObject({ name: 'LetterboxdApiAuthError', reason: 'refused' });
  });

  it('never puts the secret or an access token in errors or logs, whatever fails', async () => {
    const { logger, text } = recordingLogger();
    const api = client({ logger, retry: { limit: 1, backoffMs: 1 } });
    const errors: unknown[] = [];
    await api.getTopRated('token_tess', { limit: 1 });
    fake.failNext({ status: 503, path: '/films', times: 2 });
    errors.push(await api.getTopRated('token_tess', { limit: 1 }).catch((e: unknown) => e));
    errors.push(await api.getTopRated('nobody_here', { limit: 1 }).catch((e: unknown) => e));
    fake.failNext({ status: 401, path: '/films', times: 2 });
    errors.push(await api.getTopRated('token_tess', { limit: 1 }).catch((e: unknown) => e));
    const broken = client({ logger, fetch: () => Promise.reject(new TypeError(`socket closed (${fake.credentials.clientSecret})`)), retry: { limit: 0 } });
    errors.push(await broken.getMemberId('token_tess').catch((e: unknown) => e));
    expect(errors.map((e) => (e as Error).name)).toEqual(['LetterboxdHttpError', 'LetterboxdNotFoundError', 'LetterboxdApiAuthError', 'LetterboxdHttpError']);
    const everything = `${errors.map((e) => `${(e as Error).message} ${JSON.stringify(e)} ${String((e as Error).cause)}`).join(' ')} ${text()}`;
    expect(everything).not.toContain(fake.credentials.clientSecret);
    expect(everything).not.toMatch(/fake-access-/);
    expect(text()).toContain('letterboxd-api: GET');
  });
});

describe('signRequest hook', () => {
  it('sees every request, the token request included, and what it returns is sent', async () => {
    const seen: string[] = [];
    const api = client({
      signRequest: (request) => {
        seen.push(`${request.method} ${new URL(request.url).pathname}`);
        const url = new URL(request.url);
        url.searchParams.set('signature', 'abc123');
        return new Request(url, request);
      },
    });
    await api.getTopRated('token_tess', { limit: 1 });
    expect(seen).toEqual(['POST /api/v0/auth/token', 'GET /api/v0/search', 'GET /api/v0/films']);
    expect(fake.requests.every((r) => r.query.includes('signature=abc123'))).toBe(true);
  });
});

describe('options', () => {
  it('missing credentials or a bad baseUrl are a TypeError at creation', () => {
    expect(() => createLetterboxdApiClient({ clientId: '', clientSecret: 'x' })).toThrow(/clientId is required/);
    expect(() => createLetterboxdApiClient({ clientId: 'x' } as never)).toThrow(/clientSecret is required/);
    expect(() => createLetterboxdApiClient({ clientId: 'x', clientSecret: 'y', baseUrl: 'api.letterboxd.com' })).toThrow(TypeError);
  });

  it('a token endpoint that answers 500 after the retries is an LetterboxdHttpError', async () => {
    fake.failNext({ status: 500, path: '/auth/token', times: 3 });
    const error = await client().getMemberId('token_tess').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdHttpError);
    expect(error).toMatchObject({ status: 500, attempts: 3 });
  });
});
