import { LetterboxdError, type LetterboxdErrorContext } from '../errors.js';

/** Where to ask for (or about) API access. */
export const API_CONTACT = 'api@letterboxd.com';

/**
 * The Letterboxd API refused the client's credentials: the token request was refused (`refused`: wrong client
 * id/secret, or access revoked), or every request with a fresh token still got a 401 (`rejected`). Never
 * retried. The message never holds the client secret or a token.
 */
export class LetterboxdApiAuthError extends LetterboxdError {
  /** `refused`: `POST /auth/token` said no; `rejected`: a freshly issued token was refused by the endpoint. */
  readonly reason: 'refused' | 'rejected';
  /** HTTP status of the refusal (400 or 401 from the token endpoint, 401 from the endpoint). */
  readonly status: number;
  /** The OAuth error code when the token endpoint gave one (`invalid_client`, `invalid_grant`, …), else `null`. */
  readonly code: string | null;

  constructor(ctx: LetterboxdErrorContext & { reason: 'refused' | 'rejected'; status: number; code?: string | null }) {
    const code = ctx.code ? ` (${ctx.code})` : '';
    const what =
      ctx.reason === 'refused'
        ? `Letterboxd refused the API credentials at ${ctx.url} with HTTP ${ctx.status}${code}.`
        : `Letterboxd rejected a freshly issued API token at ${ctx.url} (HTTP ${ctx.status}).`;
    super(
      `${what} Check the client id and secret (LETTERBOXD_API_CLIENT_ID / LETTERBOXD_API_CLIENT_SECRET); if ` +
        `they are right, access may have been revoked — ask ${API_CONTACT}. Retrying will not help.`,
      ctx,
    );
    this.reason = ctx.reason;
    this.status = ctx.status;
    this.code = ctx.code ?? null;
  }
}

/**
 * An API answer about a member's films lacks that member's relationship (their own rating and like), so lbx
 * cannot tell their rating from an unrated film. Thrown instead of guessing (the community average is never
 * used in its place).
 */
export class LetterboxdMissingRelationshipError extends LetterboxdError {
  /** The member's Letterboxd id (LID) whose relationship was missing. */
  readonly memberId: string;
  /** The film's Letterboxd id (LID). */
  readonly filmId: string;

  constructor(ctx: LetterboxdErrorContext & { memberId: string; filmId: string }) {
    super(
      `The Letterboxd API answered ${ctx.url} without the relationship of member "${ctx.username ?? ctx.memberId}" ` +
        `(id ${ctx.memberId}) to film ${ctx.filmId}, so their own rating and like are unknown. The API may not ` +
        'give member relationships to this application token; use the scraping client or the data export for ' +
        `this member, and report it to ${API_CONTACT} if it persists.`,
      ctx,
    );
    this.memberId = ctx.memberId;
    this.filmId = ctx.filmId;
  }
}
