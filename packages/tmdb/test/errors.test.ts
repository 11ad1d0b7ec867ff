import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  isTmdbError,
  TmdbAuthError,
  TmdbError,
  TmdbHttpError,
  TmdbNotFoundError,
  TmdbResponseError,
  TmdbValidationError,
} from '@lbx/tmdb';
import { recordingLogger, useFakeTmdb } from './support/fake-tmdb-server.js';

const { fake, server, client } = useFakeTmdb();

describe('error types', () => {
  it('brands every error so isTmdbError works without instanceof', async () => {
    const error = await client().getMovie(4040404).catch((e: unknown) => e);
    expect(isTmdbError(error)).toBe(true);
    expect(error).toBeInstanceOf(TmdbError);
    expect(error).toBeInstanceOf(TmdbNotFoundError);
    // A structural copy (as another copy of the package would make) still passes the guard.
    const foreign = Object.assign(Object.create(Error.prototype), { [Symbol.for('lbx.tmdb.error')]: true });
    expect(isTmdbError(foreign)).toBe(true);
    expect(isTmdbError(new Error('x'))).toBe(false);
    expect(isTmdbError(null)).toBe(false);
  });

  it('maps 422 with an errors array to TmdbValidationError', async () => {
    server.use(
      http.post('https://api.themoviedb.org/4/list', () =>
        HttpResponse.json({ errors: ['Invalid description'], success: false, list_id: null }, { status: 422 }),
      ),
    );
    const error = await client().createList({ name: 'x', description: 'y' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbValidationError);
    expect(error).toMatchObject({ status: 422, tmdbCode: null, errors: ['Invalid description'] });
    expect((error as Error).message).toContain('Invalid description');
  });

  it('maps code 38 (someone else’s list) to TmdbAuthError with what to do', async () => {
    const list = fake.seedList({ name: 'Theirs', accountId: '000000000000000000000001' });
    const error = await client().addItems(list.id, [{ mediaType: 'movie', mediaId: 550 }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TmdbAuthError);
    expect(error).toMatchObject({ status: 401, tmdbCode: 38 });
    expect((error as Error).message).toMatch(/owner/);
  });

  it('maps other statuses to TmdbHttpError', async () => {
    server.use(http.get('https://api.themoviedb.org/3/movie/550', () => HttpResponse.text('I am a teapot', { status: 418 })));
    await expect(client().getMovie(550)).rejects.toMatchObject({ name: 'TmdbHttpError', status: 418, tmdbCode: null, attempts: 1 });
  });

  it('reports unreadable 2xx bodies as TmdbResponseError, not as network errors', async () => {
    server.use(
      http.get('https://api.themoviedb.org/3/movie/550', () => HttpResponse.text('<html>maintenance</html>')),
      http.get('https://api.themoviedb.org/3/movie/603', () => HttpResponse.json({ id: 'abc' })),
    );
    const tmdb = client();
    const notJson = await tmdb.getMovie(550).catch((e: unknown) => e);
    expect(notJson).toBeInstanceOf(TmdbResponseError);
    expect((notJson as Error).message).toMatch(/not JSON/);
    const badShape = await tmdb.getMovie(603).catch((e: unknown) => e);
    expect(badShape).toBeInstanceOf(TmdbResponseError);
    expect((badShape as Error).message).toMatch(/unexpected shape \(id: /);
    expect(badShape).not.toBeInstanceOf(TmdbHttpError);
  });
});

describe('secrets never leak', () => {
  it('keeps keys and tokens out of messages, logs, error objects and URLs', async () => {
    const { apiKey, readAccessToken } = fake.credentials;
    const userAccessToken = fake.credentials.userAccessToken;
    const secrets = [apiKey, readAccessToken, userAccessToken];
    const logger = recordingLogger();
    const keyClient = client({ apiKey, readAccessToken: undefined, userAccessToken: undefined, logger });
    const tokenClient = client({ logger });
    const leakyFetch: typeof fetch = async (input) => {
      throw new TypeError(`connect failed for ${String(input instanceof Request ? input.url : input)} with ${userAccessToken}`);
    };
    const brokenClient = client({ apiKey, logger, fetch: leakyFetch, retry: { limit: 1, maxDelayMs: 1 } });

    fake.failNext({ path: '/3/search/movie', status: 429, retryAfter: 0 });
    await keyClient.searchMovie('Suspiria');
    const errors = await Promise.all([
      keyClient.getMovie(4040404).catch((e: unknown) => e),
      keyClient.createList({ name: 'x' }).catch((e: unknown) => e),
      tokenClient.getList(9999).catch((e: unknown) => e),
      client({ userAccessToken: readAccessToken }).addItems(1, [{ mediaType: 'movie', mediaId: 1 }]).catch((e: unknown) => e),
      brokenClient.searchTv('x').catch((e: unknown) => e),
      client({ apiKey: 'bad-key-0000000000', readAccessToken: undefined, userAccessToken: undefined }).getMovie(1).catch((e: unknown) => e),
    ]);

    expect(errors.every((e) => isTmdbError(e))).toBe(true);
    const keyed = errors[0] as TmdbError;
    expect(keyed.url).toBe('https://api.themoviedb.org/3/movie/4040404');
    expect(fake.requests.some((r) => r.credential === 'api-key')).toBe(true);
    const dump = [
      ...errors.map((e) => inspect(e, { depth: 10, showHidden: true })),
      ...errors.map((e) => JSON.stringify(e, Object.getOwnPropertyNames(e))),
      ...logger.lines,
    ].join('\n');
    expect(logger.lines.length).toBeGreaterThan(5);
    expect(dump).toContain('could not reach TMDb');
    for (const secret of [...secrets, 'bad-key-0000000000']) expect(dump).not.toContain(secret);
  });
});
