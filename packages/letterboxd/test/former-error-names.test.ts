import { describe, expect, it } from 'vitest';
import * as letterboxd from '@lbx/letterboxd';
import { createSite, useServer } from './handlers/letterboxd-site.js';

const server = useServer();

const FORMER_NAMES = {
  InvalidUsernameError: 'LetterboxdInvalidUsernameError',
  NotFoundError: 'LetterboxdNotFoundError',
  PrivateError: 'LetterboxdPrivateError',
  BlockedError: 'LetterboxdBlockedError',
  RateLimitedError: 'LetterboxdRateLimitError',
  ParseError: 'LetterboxdParseError',
  HttpError: 'LetterboxdHttpError',
  ExportError: 'LetterboxdExportError',
  ExportTooLargeError: 'LetterboxdExportTooLargeError',
  ExportTooManyError: 'LetterboxdExportTooManyError',
  NoTopRatedFilmsError: 'LetterboxdNoTopRatedFilmsError',
} as const;

describe('former error names (deprecated)', () => {
  it.each(Object.entries(FORMER_NAMES))('%s is still exported, as the class %s', (former, current) => {
    expect(letterboxd[former as keyof typeof FORMER_NAMES]).toBe(letterboxd[current as keyof typeof letterboxd]);
  });

  it('keeps instanceof working, while the error names itself by its new class name', async () => {
    server.use(...createSite({}).handlers);
    const client = letterboxd.createLetterboxdClient({ minDelayMs: 0 });
    const error = await client.getFilms('ghost_member').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(letterboxd.NotFoundError);
    expect(error).toMatchObject({ name: 'LetterboxdNotFoundError' });
  });
});
