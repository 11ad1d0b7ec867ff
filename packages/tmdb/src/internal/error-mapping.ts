import {
  TmdbAuthError,
  TmdbError,
  TmdbHttpError,
  TmdbNotFoundError,
  TmdbRateLimitError,
  TmdbValidationError,
  type TmdbErrorContext,
} from '../errors.js';
import { errorBodySchema, type ErrorBody } from './schemas.js';

/** How to sign in: quoted by every error that needs a user access token. */
export const SIGN_IN_HOWTO =
  'Sign in with the v4 flow once: createRequestToken() → open approveUrl and approve → ' +
  'createAccessToken(requestToken), then pass the returned accessToken as userAccessToken and accountId as accountId.';

const AUTH_ADVICE: Record<number, string> = {
  3: 'TMDb refused the credential for this endpoint. The v4 sign-in needs readAccessToken (an API key is not accepted there); list writes need userAccessToken.',
  7: 'TMDb rejected the API key or API Read Access Token. Copy them again from https://www.themoviedb.org/settings/api.',
  10: 'The API key is suspended. Contact TMDb.',
  33: 'The request token is unknown or expired (request tokens last 15 minutes). Call createRequestToken() again.',
  35: `The user access token is invalid or was revoked. ${SIGN_IN_HOWTO}`,
  36: `This token can only read: the API key and the API Read Access Token from the settings page cannot write lists. ${SIGN_IN_HOWTO}`,
  38: 'The list belongs to another account. Use the userAccessToken of the list owner.',
  39: "The list is private. Read it with the owner's userAccessToken.",
  41: 'The request token has not been approved yet. Open approveUrl, approve it, then call createAccessToken() again.',
};

/** Read already-parsed JSON as a TMDb error body, leniently; `null` when it is not one. */
export function toErrorBody(json: unknown): ErrorBody | null {
  const parsed = errorBodySchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Parse a TMDb error body leniently; `null` when it is not JSON or not one. */
export function parseErrorBody(text: string): ErrorBody | null {
  try {
    return toErrorBody(JSON.parse(text));
  } catch {
    return null;
  }
}

function errorStrings(body: ErrorBody | null): string[] {
  const errors = body?.errors;
  if (!errors) return [];
  const values = Array.isArray(errors) ? errors : Object.entries(errors).map(([key, value]) => `${key}: ${String(value)}`);
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value)));
}

/** `Retry-After` in milliseconds (seconds or an HTTP date), or `null`. */
export function parseRetryAfter(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** The typed error for a TMDb answer that is not a success. */
export function errorFromResponse(
  status: number,
  body: ErrorBody | null,
  ctx: Omit<TmdbErrorContext, 'status' | 'tmdbCode'> & { what: string; retryAfter: string | null },
): TmdbError {
  const code = body?.status_code ?? null;
  const tmdbSays = body?.status_message ? ` TMDb says: "${body.status_message}"` : '';
  const base = { ...ctx, status, tmdbCode: code };
  const where = `${ctx.method} ${ctx.url} (${ctx.what})`;
  const codeText = code === null ? '' : `, code ${code}`;

  if (status === 401 || (code !== null && code in AUTH_ADVICE)) {
    const advice = (code !== null && AUTH_ADVICE[code]) || 'Check the credentials passed to createTmdbClient.';
    return new TmdbAuthError(`${where} was refused (HTTP ${status}${codeText}). ${advice}`, base);
  }
  if (status === 404 || code === 34) {
    return new TmdbNotFoundError(`${where}: TMDb has no such item (HTTP ${status}${codeText}). Check the id.`, base);
  }
  if (status === 429 || code === 25) {
    const retryAfterMs = parseRetryAfter(ctx.retryAfter);
    const wait = retryAfterMs === null ? '' : ` TMDb asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
    return new TmdbRateLimitError(
      `${where} hit TMDb's rate limit after ${ctx.attempts ?? 1} attempt(s).${wait} Lower maxRequestsPerSecond or try again later.`,
      { ...base, retryAfterMs },
    );
  }
  const errors = errorStrings(body);
  if (status === 400 || status === 422 || code === 18 || errors.length > 0 || (status < 300 && body?.success === false)) {
    const advice =
      code === 18
        ? " TMDb's spam filter refused it: avoid URLs and machine-looking names or descriptions, and don't create lists in quick succession."
        : ' Check the input.';
    const detail = errors.length > 0 ? ` (${errors.join('; ')})` : '';
    return new TmdbValidationError(`${where} was rejected (HTTP ${status}${codeText})${detail}.${tmdbSays}${advice}`, {
      ...base,
      errors,
    });
  }
  return new TmdbHttpError(
    `${where} failed with HTTP ${status}${codeText} after ${ctx.attempts ?? 1} attempt(s).${tmdbSays} Try again later.`,
    base,
  );
}
