import { LetterboxdError } from '../errors.js';
import { EXPORT_SETTINGS_URL } from '../export/export-error.js';

/**
 * A source (data export or RSS feed) holds no film that is both rated and liked, so it cannot say what the
 * member's top-rated films are. Thrown instead of returning `[]`, so a sync never empties a list because a
 * source had nothing to offer. `detail` says why.
 */
export class LetterboxdNoTopRatedFilmsError extends LetterboxdError {
  /** Which source had nothing: `export` or `rss`. */
  readonly source: 'export' | 'rss';
  /** Why, e.g. `the feed has no diary entries`. */
  readonly detail: string;

  constructor(ctx: { source: 'export' | 'rss'; username: string; url: string; detail: string; attempts?: number }) {
    const advice =
      ctx.source === 'export'
        ? `Rate and like films on Letterboxd, then download a fresh export from ${EXPORT_SETTINGS_URL}.`
        : 'The feed only holds the 50 most recent diary entries: use the data export or the scraping client ' +
          'for the full history.';
    super(`No rated and liked films for member "${ctx.username}" in the ${ctx.source}: ${ctx.detail}. ${advice}`, {
      url: ctx.url,
      username: ctx.username,
      attempts: ctx.attempts ?? 0,
    });
    this.source = ctx.source;
    this.detail = ctx.detail;
  }
}
