import { normalizeUsername } from '@lbx/sync';
import { z } from 'zod';

/**
 * Where a member's films come from, per `LETTERBOXD_SOURCE`:
 * - `scrape`: the Letterboxd site (or the member's stored data export, which wins when there is one);
 * - `ledger`: the member's film ledger — seeded by their data export, the RSS feed read and merged every run;
 * - `api`: Letterboxd's official API (needs `LETTERBOXD_API_CLIENT_ID`/`_SECRET`);
 * - `auto` (default): the official API when its credentials are configured; else the ledger for members with a
 *   stored export; otherwise the site, falling back to the ledger for the run when Letterboxd refuses the
 *   scrape (`LetterboxdBlockedError`).
 */
export type SourceMode = 'scrape' | 'ledger' | 'api' | 'auto';

/** The accepted `LETTERBOXD_SOURCE` values. */
export const SOURCE_MODES = ['scrape', 'ledger', 'api', 'auto'] as const satisfies readonly SourceMode[];

/** One way of reading a member's films: their stored export, the site, or their ledger. */
export type SourceStep = 'export' | 'scrape' | 'ledger' | 'api';

/**
 * The sources to try for a member, in order: the next one answers only when Letterboxd refused the previous
 * one (a `LetterboxdBlockedError`). The one place that decides it — a new source (an API) is one more entry here.
 */
export function sourceSteps(mode: SourceMode, hasExport: boolean, hasApi = false): readonly SourceStep[] {
  switch (mode) {
    case 'api':
      return ['api'];
    case 'scrape':
      return hasExport ? ['export'] : ['scrape'];
    case 'ledger':
      return ['ledger'];
    case 'auto':
      if (hasApi) return ['api'];
      return hasExport ? ['ledger'] : ['scrape', 'ledger'];
  }
}

/**
 * Per-member modes from `LETTERBOXD_SOURCE_BY_MEMBER` (`name:mode` pairs separated by commas, e.g.
 * `ana:ledger,mo:scrape`); throws a message naming the bad pair.
 */
export function parseMemberModes(value: string | undefined): Map<string, SourceMode> {
  const modes = new Map<string, SourceMode>();
  for (const pair of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([A-Za-z0-9_-]{1,100})\s*[:=]\s*([a-z]+)$/i.exec(pair);
    const mode = match?.[2]?.toLowerCase();
    if (!match || !(SOURCE_MODES as readonly string[]).includes(mode ?? '')) {
      throw new Error(`${JSON.stringify(pair)} is not <username>:<${SOURCE_MODES.join('|')}>`);
    }
    modes.set(normalizeUsername(match[1] as string), mode as SourceMode);
  }
  return modes;
}

/** The `LETTERBOXD_SOURCE_BY_MEMBER` variable: `name:mode` pairs, parsed by {@link parseMemberModes}. */
export const envMemberModes = () =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseMemberModes(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
