import { LetterboxdBlockedError } from '@lbx/letterboxd';
import type { FilmSource, SourceFilm } from '@lbx/sync';

/** One source of a {@link createFallbackSource} chain. */
export interface FallbackStep<K extends string> {
  kind: K;
  /** Opens the source when its turn comes (the ledger reads the feed then). */
  open: () => Promise<FilmSource>;
}

/** A `FilmSource` that says which of its sources answered. */
export interface FallbackSource<K extends string> extends FilmSource {
  /** The source that answered the last `getTopRated` (the first one before any call). */
  readonly kind: K;
}

/**
 * Tries `steps` in order: the next one answers only when Letterboxd refused the previous one (`LetterboxdBlockedError`);
 * any other error is the member's failure, as without a fallback. `onFallback` hears each fallback;
 * `onAnswer` the films of the source that answered. `getFilm` is the answering source's (none for the ledger).
 */
export function createFallbackSource<K extends string>(
  steps: ReadonlyArray<FallbackStep<K>>,
  hooks: {
    onFallback?: (from: K, to: K, error: LetterboxdBlockedError) => void;
    onAnswer?: (kind: K, films: readonly SourceFilm[]) => Promise<void>;
  } = {},
): FallbackSource<K> {
  let kind = (steps[0] as FallbackStep<K>).kind;
  const source: FallbackSource<K> & { getFilm?: FilmSource['getFilm'] } = {
    get kind() {
      return kind;
    },
    async getTopRated(username, options) {
      for (const [index, step] of steps.entries()) {
        kind = step.kind;
        const current = await step.open();
        try {
          const films = await current.getTopRated(username, options);
          if (current.getFilm) source.getFilm = current.getFilm.bind(current);
          else delete source.getFilm;
          await hooks.onAnswer?.(step.kind, films);
          return films;
        } catch (error) {
          const next = steps[index + 1];
          if (!(error instanceof LetterboxdBlockedError) || next === undefined) throw error;
          hooks.onFallback?.(step.kind, next.kind, error);
        }
      }
      throw new Error('no film source configured'); // unreachable: steps is never empty
    },
  };
  return source;
}
