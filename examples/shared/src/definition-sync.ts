import { syncList, type ListSource } from '@lbx/sync';
import type { ConfiguredList } from './lists-file';
import { emptyOutcome, messageOf, toOutcome, type MemberOutcome, type SyncMembersOptions } from './member-sync';
import type { MemberSource, SyncRuntime } from './sync-runtime';

/** Options of {@link syncDefinitions}: those of `syncMembers`; `forceHint` and the callbacks get the definition id. */
export type SyncDefinitionsOptions = Omit<SyncMembersOptions, 'sync'>;

/**
 * Sync list definitions (`LBX_LISTS_FILE`) one after the other with `syncList` from `@lbx/sync`, and report each
 * as a {@link MemberOutcome} carrying its `definitionId` — the same outcomes, stop signal and callbacks as
 * `syncMembers`. A `top-rated` definition reads the member's source by `LETTERBOXD_SOURCE` (export, ledger, API
 * or the site, like a member's sync); the other kinds read the site. One definition's failure never stops the
 * others; nothing here throws for a definition's failure (only when `options.signal` aborts).
 */
export async function syncDefinitions(
  lists: readonly ConfiguredList[],
  runtime: SyncRuntime,
  options: SyncDefinitionsOptions = {},
): Promise<MemberOutcome[]> {
  const now = options.now ?? Date.now;
  const outcomes: MemberOutcome[] = [];
  const done = (outcome: MemberOutcome) => {
    outcomes.push(outcome);
    try {
      options.onMemberDone?.(outcome);
    } catch {
      // A listener's bug must not break the run.
    }
  };
  for (const { line: _line, ...definition } of lists) {
    const base = { ...emptyOutcome(definition.member, 'failed'), definitionId: definition.id, dryRun: options.dryRun ?? false };
    if (options.stopSignal?.aborted) {
      done({ ...base, status: 'skipped', error: `Not synced: the run was stopped before definition "${definition.id}"'s turn. The next run syncs it.` });
      continue;
    }
    if (runtime.tmdb === null) {
      done({ ...base, error: runtime.unavailableReason ?? 'TMDb is not configured.' });
      continue;
    }
    try {
      options.onMemberStart?.(definition.id);
    } catch {
      // As above.
    }
    const started = now();
    let member: MemberSource | undefined;
    try {
      const signal = options.signal ? { signal: options.signal } : {};
      member =
        definition.source === 'top-rated'
          ? await runtime.sourceFor(definition.member, signal)
          : { kind: 'letterboxd', source: runtime.letterboxd, notes: [] };
      const result = await syncList(
        definition,
        { source: member.source as ListSource, tmdb: runtime.tmdb, store: runtime.store },
        { dryRun: options.dryRun ?? false, force: options.force ?? false, ...(options.onEvent && { onEvent: options.onEvent }), ...signal },
      );
      done(toOutcome(result, member, now() - started, options.forceHint));
    } catch (error) {
      options.signal?.throwIfAborted();
      done({
        ...base,
        source: member?.kind ?? null,
        sourceNotes: member?.notes ?? [],
        error: `Definition "${definition.id}": ${messageOf(error)}`,
        failure: error,
        durationMs: Math.max(0, now() - started),
      });
    }
  }
  return outcomes;
}
