import { formatMatchBreakdown, summarize, type Logger, type MemberOutcome } from '@lbx/example-shared';

/**
 * Log what a member's sync did: one line (with `match_methods`, e.g. `exact 7 · fuzzy 1`), plus one line per
 * film that could not be matched.
 */
export function logMemberOutcome(logger: Logger, outcome: MemberOutcome): void {
  // A list definition is named by its id (for a top-rated list that is the member's name).
  const name = outcome.definitionId ?? outcome.username;
  const fields = {
    list_id: outcome.listId,
    list: outcome.listId === null ? 'none' : outcome.listCreated ? 'created' : 'reused',
    films_found: outcome.filmsFound,
    matched: outcome.matched,
    added: outcome.added,
    removed: outcome.removed,
    reordered: outcome.reordered,
    not_matched: outcome.notMatched.length,
    source: outcome.source,
    match_methods: formatMatchBreakdown(outcome.matchedFilms),
    ...(outcome.dryRun && { dry_run: true }),
    ms: outcome.durationMs,
  };
  switch (outcome.status) {
    case 'synced':
    case 'unchanged':
      logger.info(`${name}: ${outcome.status}`, fields);
      break;
    case 'refused':
      logger.warn(`${name}: refused`, { ...fields, reason: outcome.error });
      break;
    case 'failed':
      logger.error(`${name}: failed`, { ...fields, error: outcome.error });
      break;
    case 'skipped':
      logger.warn(`${name}: skipped`, { reason: outcome.error });
      break;
  }
  for (const note of outcome.sourceNotes) logger[note.level](`${name}: ${note.message}`);
  for (const film of outcome.notMatched) {
    logger.info(`${name}: not matched`, { title: film.title, year: film.year, reason: film.reason });
  }
}

/** Log the summary line of a run. */
export function logRunSummary(logger: Logger, outcomes: readonly MemberOutcome[], durationMs: number): void {
  const counts = summarize(outcomes);
  const totals = outcomes.reduce(
    (sum, outcome) => ({
      added: sum.added + outcome.added,
      removed: sum.removed + outcome.removed,
      notMatched: sum.notMatched + outcome.notMatched.length,
    }),
    { added: 0, removed: 0, notMatched: 0 },
  );
  const log = counts.failed > 0 ? logger.error : logger.info;
  log(
    `run finished: ${counts.total} ${outcomes.some((outcome) => outcome.definitionId !== undefined) ? 'list(s)' : 'user(s)'}: ${counts.synced} synced, ${counts.unchanged} unchanged, ` +
      `${counts.refused} refused, ${counts.failed} failed, ${counts.skipped} skipped`,
    { added: totals.added, removed: totals.removed, not_matched: totals.notMatched, ms: durationMs },
  );
}
