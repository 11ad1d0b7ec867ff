import { SyncError } from '../errors.js';

/**
 * The member's RSS feed could not be read or parsed, so the ledger was left exactly as it was (the list is
 * never emptied for it). Reported in a failed `refreshLedger` result; the original error is `cause`.
 */
export class SyncLedgerFeedError extends SyncError {
  /** The member whose feed failed. */
  readonly username: string;
  /** The feed URL when the reader's error names it, else `null`. */
  readonly url: string | null;

  constructor(username: string, cause: unknown) {
    const url = urlOf(cause);
    super(
      `Could not read the RSS feed of Letterboxd member "${username}"${url ? ` (${url})` : ''}: ${messageOf(cause)} ` +
        'Their film ledger was left unchanged; the next run reads the feed again (check the username and that the ' +
        'profile is public if it keeps failing).',
      { cause },
    );
    this.username = username;
    this.url = url;
  }
}

/**
 * The member's ledger holds no film that is both rated and liked, so it cannot say what their top-rated films
 * are (thrown by the ledger source instead of returning `[]`, so a sync never empties a list for it).
 */
export class SyncEmptyLedgerError extends SyncError {
  /** The member. */
  readonly username: string;

  constructor(username: string, detail: string) {
    super(
      `The film ledger of Letterboxd member "${username}" ${detail}. Seed it with the member's data export ` +
        '(letterboxd.com/settings/data/) or let the RSS feed bring rated and liked diary entries first.',
    );
    this.username = username;
  }
}

/** An input the ledger refuses: an export of another member, or an export without any date to time it by. */
export class SyncLedgerInputError extends SyncError {
  /** The member whose ledger was to be changed. */
  readonly username: string;

  constructor(username: string, detail: string) {
    super(`Cannot apply this input to the film ledger of "${username}": ${detail}`);
    this.username = username;
  }
}

function messageOf(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function urlOf(cause: unknown): string | null {
  const url = (cause as { url?: unknown } | null)?.url;
  return typeof url === 'string' && url !== '' ? url : null;
}
