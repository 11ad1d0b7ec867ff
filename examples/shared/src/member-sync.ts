import { normalizeUsernames, syncUsers, type MatchedFilm, type SyncEvent, type SyncUsersResult } from '@lbx/sync';
import type { CommonConfig } from './common-config';
import { withForceHint } from './force-hint';
import type { SourceNote } from './member-ledger';
import type { MemberSource, SourceKind, SyncRuntime } from './sync-runtime';

/** What happened to one member in a run. `skipped`: the run was stopped (shutdown) before their turn. */
export type MemberStatus = SyncUsersResult['status'];

/** One member's outcome, independent of the sync package's internal shapes (this is what apps report). */
export interface MemberOutcome {
  /** The member (for a `list` definition: the list's owner). */
  username: string;
  /** The list definition's id (`LBX_LISTS_FILE`), on outcomes of `syncDefinitions` only. */
  definitionId?: string;
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
  /** Items removed and re-added to restore the member's order (TMDb lists only append). */
  reordered: number;
  /** Films left off the list and why (`slug`: the source's key of the film, what a match override pins). */
  notMatched: Array<{ slug: string; title: string; year: number | null; reason: string | null }>;
  dryRun: boolean;
  /** Why the member failed, was refused or skipped, or `null`. */
  error: string | null;
  /** The error a failed member's sync ended with (`SyncMemberError`, its `cause` the original), for callers that map it. */
  failure?: unknown;
  /** Wall time in milliseconds. */
  durationMs: number;
}

/** Options of {@link syncMembers}. */
export interface SyncMembersOptions {
  /** Sync options from the configuration (limit, sort). */
  sync: CommonConfig['sync'];
  /** Plan only, write nothing. Default `false`. */
  dryRun?: boolean;
  /** Apply the sync even when a safety valve (empty list, mass removal) would refuse it. Default `false`. */
  force?: boolean;
  /**
   * How to force a refused member's sync in this app, as a phrase such as "re-run with `cron --once --force`":
   * it replaces `@lbx/sync`'s "re-run with force: true" in the refusal message. Default: the message as
   * `@lbx/sync` wrote it.
   */
  forceHint?: (username: string) => string;
  /** Graceful stop: once aborted, the member in progress finishes and the remaining members are `skipped`. */
  stopSignal?: AbortSignal;
  /** Aborts the member in progress (a forced shutdown); the run then rejects. Prefer `stopSignal`. */
  signal?: AbortSignal;
  /** Called as each member starts. */
  onMemberStart?: (username: string) => void;
  /** Called with each member's outcome as soon as it is known. */
  onMemberDone?: (outcome: MemberOutcome) => void;
  /** The sync's progress events (`@lbx/sync`'s `onEvent`: films fetched, each film resolved, items added …). */
  onEvent?: (event: SyncEvent) => void;
  /** Clock for durations. Default `Date.now`. */
  now?: () => number;
}

/**
 * Sync `usernames` with `syncUsers` from `@lbx/sync` (one after the other; it normalises the usernames and
 * owns the member loop) and report each member as a {@link MemberOutcome}. Each member's source comes from
 * `runtime.sourceFor`. One member's failure never stops the others; nothing here throws for a member's failure.
 */
export async function syncMembers(
  usernames: readonly string[],
  runtime: SyncRuntime,
  options: SyncMembersOptions,
): Promise<MemberOutcome[]> {
  const now = options.now ?? Date.now;
  const { tmdb } = runtime;
  if (tmdb === null) {
    // The apps check `unavailableReason` before a run; this keeps a direct call honest all the same.
    const reason = runtime.unavailableReason ?? 'TMDb is not configured.';
    return normalizeUsernames(usernames).map((username) => ({ ...emptyOutcome(username, 'failed'), error: reason }));
  }
  const members = new Map<string, MemberSource>();
  const started = new Map<string, number>();
  const outcomes = new Map<string, MemberOutcome>();
  const results = await syncUsers(
    usernames,
    {
      tmdb,
      store: runtime.store,
      source: async (username, { signal }) => {
        const member = await runtime.sourceFor(username, signal ? { signal } : {});
        members.set(username, member);
        return member.source;
      },
    },
    {
      limit: options.sync.limit,
      sortBy: options.sync.sortBy,
      order: options.sync.order,
      dryRun: options.dryRun ?? false,
      force: options.force ?? false,
      ...(options.signal && { signal: options.signal }),
      ...(options.stopSignal && { stopSignal: options.stopSignal }),
      ...(options.onEvent && { onEvent: options.onEvent }),
      onMemberStart: (username) => {
        started.set(username, now());
        options.onMemberStart?.(username);
      },
      onMemberDone: (result) => {
        const start = started.get(result.username);
        const outcome = toOutcome(result, members.get(result.username), start === undefined ? 0 : now() - start, options.forceHint);
        outcomes.set(result.username, outcome);
        options.onMemberDone?.(outcome);
      },
    },
  );
  // `syncUsers` reports every result to `onMemberDone` before it resolves.
  return results.map((result) => outcomes.get(result.username) as MemberOutcome);
}

/** @internal A sync result as a {@link MemberOutcome} (`forceHint` gets the member, or the definition id). */
export function toOutcome(
  result: SyncUsersResult,
  member: MemberSource | undefined,
  durationMs: number,
  forceHint: ((username: string) => string) | undefined,
): MemberOutcome {
  return {
    ...emptyOutcome(result.username, result.status),
    ...(result.definitionId !== undefined && { definitionId: result.definitionId }),
    // The source that answered (an `auto` member falls back to the ledger while its films are read).
    source: member?.kind ?? null,
    sourceNotes: member?.notes ?? [],
    listId: result.listId,
    listCreated: result.listCreated,
    filmsFound: result.totalFilms,
    matched: result.matched,
    matchedFilms: result.matchedFilms,
    added: result.added,
    removed: result.removed,
    reordered: result.reordered,
    notMatched: result.notMatched.map((film) => ({ slug: film.slug, title: film.title, year: film.year, reason: film.reason })),
    dryRun: result.dryRun,
    error:
      result.status === 'failed'
        ? messageOf(result.error)
        : result.status === 'refused' && forceHint
          ? withForceHint(result.message, forceHint(result.definitionId ?? result.username))
          : 'message' in result
            ? result.message
            : null,
    ...(result.status === 'failed' && { failure: result.error }),
    durationMs: Math.max(0, durationMs),
  };
}

/** An outcome of `username` with `status` and nothing done (no list, no films, no error yet). */
export function emptyOutcome(username: string, status: MemberStatus): MemberOutcome {
  return {
    username,
    status,
    source: null,
    sourceNotes: [],
    listId: null,
    listCreated: false,
    filmsFound: 0,
    matched: 0,
    matchedFilms: [],
    added: 0,
    removed: 0,
    reordered: 0,
    notMatched: [],
    dryRun: false,
    error: null,
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
