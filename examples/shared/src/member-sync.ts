import { syncUser, type MatchedFilm } from '@lbx/sync';
import type { CommonConfig } from './common-config';
import type { SourceNote } from './member-ledger';
import type { MemberSource, SourceKind, SyncRuntime } from './sync-runtime';

/** What happened to one member in a run. `skipped`: the run was stopped (shutdown) before their turn. */
export type MemberStatus = 'synced' | 'unchanged' | 'refused' | 'failed' | 'skipped';

/** One member's outcome, independent of the sync package's internal shapes (this is what apps report). */
export interface MemberOutcome {
  username: string;
  status: MemberStatus;
  /** Where the films came from, or `null` when the member was skipped or the source could not be opened. */
  source: SourceKind | null;
  /** What is worth reporting about the source: a fallback to the ledger, a feed that could not be read, … */
  sourceNotes: SourceNote[];
  listId: number | null;
  /** `true` when this run created the member's TMDb list. */
  listCreated: boolean;
  /** Films the source returned for the member. */
  filmsFound: number;
  matched: number;
  /**
   * The matched films in the list's order, with where the TMDb id came from (`via`) and how exact the match is
   * (`method`; `null` for cache entries older than the method). Empty when the member failed or was skipped.
   */
  matchedFilms: MatchedFilm[];
  added: number;
  removed: number;
  notMatched: Array<{ title: string; year: number | null; reason: string | null }>;
  dryRun: boolean;
  /** Why the member failed or was refused, or `null`. */
  error: string | null;
  /** Wall time in milliseconds. */
  durationMs: number;
}

/** Options of {@link syncMembers}. */
export interface SyncMembersOptions {
  /** Sync options from the configuration (limit, sort). */
  sync: CommonConfig['sync'];
  /** Plan only, write nothing. Default `false`. */
  dryRun?: boolean;
  /** Checked before each member: when it returns `true` the remaining members are `skipped`. */
  shouldStop?: () => boolean;
  /** Aborts the member in progress (a forced shutdown). Prefer `shouldStop` for a graceful one. */
  signal?: AbortSignal;
  /** Called as each member starts. */
  onMemberStart?: (username: string) => void;
  /** Called with each member's outcome as soon as it is known. */
  onMemberDone?: (outcome: MemberOutcome) => void;
  /** Clock for durations. Default `Date.now`. */
  now?: () => number;
}

/**
 * Sync `usernames` one after the other (polite to both sites, and lets a shutdown stop between members).
 * Usernames are lower-cased and de-duplicated first (Letterboxd treats them case-insensitively; mapping keys
 * and list names use the lower-case form). One member's failure never stops the others; nothing here throws
 * for a member's failure.
 */
export async function syncMembers(
  usernames: readonly string[],
  runtime: SyncRuntime,
  options: SyncMembersOptions,
): Promise<MemberOutcome[]> {
  const now = options.now ?? Date.now;
  const outcomes: MemberOutcome[] = [];
  // Letterboxd usernames are case-insensitive; the mapping store's keys and the list names are not, so the
  // lower-case form is the one key (otherwise "Ana" and "ana" would get two lists).
  for (const username of [...new Set(usernames.map((name) => name.toLowerCase()))]) {
    if (options.shouldStop?.() || options.signal?.aborted) {
      const skipped = emptyOutcome(username, 'skipped', null, 'Not run: the process was shutting down.');
      outcomes.push(skipped);
      options.onMemberDone?.(skipped);
      continue;
    }
    options.onMemberStart?.(username);
    const started = now();
    const outcome = await syncOneMember(username, runtime, options);
    outcome.durationMs = Math.max(0, now() - started);
    outcomes.push(outcome);
    options.onMemberDone?.(outcome);
  }
  return outcomes;
}

async function syncOneMember(
  username: string,
  runtime: SyncRuntime,
  options: SyncMembersOptions,
): Promise<MemberOutcome> {
  if (runtime.tmdb === null) {
    return emptyOutcome(username, 'failed', null, runtime.unavailableReason ?? 'TMDb is not configured.');
  }
  let member: MemberSource;
  try {
    member = await runtime.sourceFor(username, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    return emptyOutcome(username, 'failed', null, messageOf(error));
  }
  try {
    if (!options.dryRun) await adoptMixedCaseMapping(runtime.store, username);
  } catch (error) {
    return { ...emptyOutcome(username, 'failed', member.kind, messageOf(error)), sourceNotes: member.notes };
  }
  try {
    const result = await syncUser(
      username,
      { source: member.source, tmdb: runtime.tmdb, store: runtime.store },
      {
        limit: options.sync.limit,
        sortBy: options.sync.sortBy,
        order: options.sync.order,
        dryRun: options.dryRun ?? false,
        ...(options.signal && { signal: options.signal }),
      },
    );
    return {
      username,
      status: result.status,
      // The source that answered (an `auto` member falls back to the ledger while its films are read).
      source: member.kind,
      sourceNotes: member.notes,
      listId: result.listId,
      listCreated: result.listCreated,
      filmsFound: result.totalFilms,
      matched: result.matched,
      matchedFilms: result.matchedFilms,
      added: result.added,
      removed: result.removed,
      notMatched: result.notMatched.map((film) => ({ title: film.title, year: film.year, reason: film.reason })),
      dryRun: result.dryRun,
      error:
        result.status === 'failed'
          ? messageOf(result.error)
          : result.status === 'refused'
            ? result.message
            : null,
      durationMs: 0,
    };
  } catch (error) {
    return { ...emptyOutcome(username, 'failed', member.kind, messageOf(error)), sourceNotes: member.notes };
  }
}

/**
 * A mapping file written by the original service may key a member as typed ("Alice"). Before syncing the
 * lower-case name, move such a key to it so the member keeps their mapped list id (the mapping, not the
 * name lookup, is what ties a member to their list; `findListByName`'s case-insensitive fallback is the second
 * line of defence).
 */
async function adoptMixedCaseMapping(store: SyncRuntime['store'], username: string): Promise<void> {
  if ((await store.get(username)) !== undefined) return;
  const all = await store.all();
  const legacy = Object.keys(all).find((key) => key !== username && key.toLowerCase() === username);
  if (legacy === undefined) return;
  await store.set(username, all[legacy] as number);
  await store.delete(legacy);
}

function emptyOutcome(
  username: string,
  status: MemberStatus,
  source: SourceKind | null,
  error: string | null,
): MemberOutcome {
  return {
    username,
    status,
    source,
    sourceNotes: [],
    listId: null,
    listCreated: false,
    filmsFound: 0,
    matched: 0,
    matchedFilms: [],
    added: 0,
    removed: 0,
    notMatched: [],
    dryRun: false,
    error,
    durationMs: 0,
  };
}

/** A one-line, secret-free description of an error. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return 'Unknown error';
}

/** Counts of a run, for a summary line or a job status. */
export function summarize(outcomes: readonly MemberOutcome[]): Record<MemberStatus, number> & { total: number } {
  const counts = { synced: 0, unchanged: 0, refused: 0, failed: 0, skipped: 0, total: outcomes.length };
  for (const outcome of outcomes) counts[outcome.status] += 1;
  return counts;
}
