import { USERNAME_PATTERN, messageOf, syncMembers } from '@lbx/example-shared';
import { normalizeUsername } from '@lbx/sync';
import type { AppContext } from '../app-context';
import { apiForceHint } from '../job-runner';
import { searchTmdbCandidates } from '../tmdb-candidates';
import type { DefinitionSummary, MemberSummary } from './home-page';
import type { Candidate, MemberView, SearchState } from './member-page';

/** TMDb's public site, for links (the API base URL may be a proxy or the sandbox's fake). */
const TMDB_SITE = 'https://www.themoviedb.org';

/** The page of a TMDb list or title. */
export function tmdbUrl(kind: 'list' | 'movie' | 'tv', id: number): string {
  return `${TMDB_SITE}/${kind}/${id}`;
}

/**
 * The members the dashboard lists: the ones given to the app (the sandbox's demo members), every mapping of the
 * store that is a username (list definitions key theirs `member/…`), and every member with a run recorded in
 * this process; sorted.
 */
export async function knownMembers(ctx: AppContext, mappings: Record<string, number>): Promise<string[]> {
  const definitions = new Set((ctx.config.lists?.lists ?? []).map((list) => list.id));
  const names = [...ctx.dashboardMembers, ...Object.keys(mappings), ...ctx.activity.members()]
    // A top-rated definition's default id is the member's name: it is a definition, shown as one.
    .filter((name) => !definitions.has(name) || ctx.dashboardMembers.includes(name))
    .filter((name) => USERNAME_PATTERN.test(name))
    .map(normalizeUsername);
  return [...new Set(names)].sort();
}

/** The store's mappings, or `{}` when it cannot be read (the page then says so through the missing list ids). */
export async function readMappings(ctx: AppContext): Promise<Record<string, number>> {
  try {
    return await ctx.runtime.store.all();
  } catch (error) {
    ctx.logger.warn('dashboard: the mapping store could not be read', { error: messageOf(error) });
    return {};
  }
}

/** A member's card: source mode, ledger freshness, TMDb list and last run. */
export async function memberSummary(ctx: AppContext, username: string, mappings: Record<string, number>): Promise<MemberSummary> {
  const key = normalizeUsername(username);
  const listId = mappings[key] ?? null;
  let ledger: MemberSummary['ledger'] = null;
  try {
    const stored = await ctx.runtime.store.ledger?.get(key);
    if (stored) ledger = { exportedAt: stored.exportedAt, lastFeedEntryAt: stored.lastFeedEntryAt, feedReadAt: stored.feedReadAt };
  } catch {
    // A corrupt ledger file: GET /users/{u}/ledger explains it; the card just shows no freshness.
  }
  return {
    username: key,
    mode: ctx.config.letterboxd.sourceByMember.get(key) ?? ctx.config.letterboxd.source,
    listId,
    listUrl: listId === null ? null : tmdbUrl('list', listId),
    ledger,
    lastRun: ctx.activity.lastRun(key) ?? null,
  };
}

/** The cards of `LBX_LISTS_FILE`'s definitions, in file order. */
export function definitionSummaries(ctx: AppContext, mappings: Record<string, number>): DefinitionSummary[] {
  return (ctx.config.lists?.lists ?? []).map((definition) => {
    const listId = mappings[definition.id] ?? null;
    const member = normalizeUsername(definition.member);
    return {
      definition,
      mode: definition.source === 'top-rated' ? (ctx.config.letterboxd.sourceByMember.get(member) ?? ctx.config.letterboxd.source) : 'scrape',
      listId,
      listUrl: listId === null ? null : tmdbUrl('list', listId),
      lastRun: ctx.activity.lastRun(definition.id) ?? null,
    };
  });
}

/** The sync's own dry run for the member (what a sync writes now). */
export async function memberPlan(ctx: AppContext, username: string): Promise<MemberView['plan']> {
  if (ctx.runtime.unavailableReason !== null) return { ok: false, error: `No plan: ${ctx.runtime.unavailableReason}` };
  const [outcome] = await syncMembers([username], ctx.runtime, {
    sync: ctx.config.sync,
    dryRun: true,
    forceHint: apiForceHint,
    now: ctx.now,
  });
  if (outcome === undefined || outcome.status === 'failed') {
    return { ok: false, error: `Planning the sync of ${username} failed: ${outcome?.error ?? 'nothing was planned'}` };
  }
  const base = ctx.config.letterboxd.baseUrl.replace(/\/+$/, '');
  return {
    ok: true,
    status: outcome.status,
    source: outcome.source,
    notes: [...outcome.sourceNotes.map((note) => note.message), ...(outcome.status === 'refused' && outcome.error ? [outcome.error] : [])],
    films: outcome.matchedFilms.map((film) => ({
      film,
      // Export-only films are keyed `boxd:<code>`: they have no page address we can build.
      letterboxdUrl: film.slug.includes(':') ? null : `${base}/film/${film.slug}/`,
      tmdbUrl: tmdbUrl(film.mediaType, film.mediaId),
    })),
    unmatched: outcome.notMatched,
  };
}

/** TMDb search results (movies, then TV) offered as pins for an unmatched film. */
export async function searchCandidates(ctx: AppContext, slug: string, query: string, year: number | null): Promise<SearchState> {
  const state: SearchState = { slug, query, year, candidates: [], error: null };
  const tmdb = ctx.runtime.tmdb;
  if (query.trim() === '') return state;
  if (tmdb === null) return { ...state, error: `TMDb search is unavailable: ${ctx.runtime.unavailableReason ?? 'no TMDb client'}` };
  try {
    const found = await searchTmdbCandidates(tmdb, query, year === null ? {} : { year });
    const candidates: Candidate[] = found.map((candidate) => ({
      id: candidate.tmdbId,
      mediaType: candidate.mediaType,
      title: candidate.title,
      originalTitle: candidate.originalTitle,
      year: candidate.year,
      tmdbUrl: tmdbUrl(candidate.mediaType, candidate.tmdbId),
    }));
    return { ...state, candidates };
  } catch (error) {
    return { ...state, error: `The TMDb search failed: ${messageOf(error)}` };
  }
}
