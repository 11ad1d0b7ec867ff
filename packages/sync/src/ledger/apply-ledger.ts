import { compatible, crowdedKeys, findRecord, sameTmdb } from './film-identity.js';
import type {
  LedgerApplyReport,
  LedgerEvent,
  LedgerFilm,
  LedgerInputFilm,
  LedgerLike,
  LedgerSnapshot,
  MemberLedger,
  Provenance,
} from './ledger-types.js';

/** How many applied feed guids a ledger remembers (the feed holds 50 entries; older ones never come back). */
const GUIDS_KEPT = 500;

/** An event without a publication time only fills facts never observed: it counts as older than anything. */
const UNDATED = '1970-01-01T00:00:00.000Z';

/** A member's ledger before anything was applied. */
export function emptyLedger(username: string): MemberLedger {
  return { version: 1, username, films: [], exportedAt: null, lastFeedEntryAt: null, feedReadAt: null, guids: [] };
}

interface Work {
  ledger: MemberLedger;
  report: LedgerApplyReport;
  nextId: number;
}

function start(ledger: MemberLedger): Work {
  const copy = structuredClone(ledger);
  const nextId = copy.films.reduce((max, film) => Math.max(max, Number(/^f(\d+)$/.exec(film.id)?.[1] ?? 0)), 0) + 1;
  return {
    ledger: copy,
    report: { added: 0, updated: 0, unchanged: 0, duplicates: 0, ambiguous: [], changed: false },
    nextId,
  };
}

function finish(work: Work, before: MemberLedger): { ledger: MemberLedger; report: LedgerApplyReport } {
  const changed = JSON.stringify(work.ledger) !== JSON.stringify(before);
  return { ledger: changed ? work.ledger : before, report: { ...work.report, changed } };
}

/** Sets one fact if the observation is not older than the one kept. Returns whether the value changed. */
function setFact(film: LedgerFilm, field: 'rating' | 'liked', value: number | null | LedgerLike, provenance: Provenance): boolean | 'older' {
  const kept = film.provenance[field];
  if (kept && provenance.observedAt < kept.observedAt) return 'older';
  const changed = film[field] !== value;
  if (field === 'rating') film.rating = value as number | null;
  else film.liked = value as LedgerLike;
  film.provenance[field] = provenance;
  return changed;
}

/** The record of `input` (created when new; a separate record when the match is ambiguous). */
function recordOf(work: Work, input: LedgerInputFilm, crowded: ReadonlySet<string>): { film: LedgerFilm; created: boolean } {
  const match = findRecord(work.ledger.films, input, crowded);
  if (match.kind === 'found') {
    const film = match.film;
    film.slug ??= input.slug ?? null;
    film.exportKey ??= input.exportKey ?? null;
    film.tmdb ??= input.tmdb ?? null;
    film.year ??= input.year;
    return { film, created: false };
  }
  if (match.kind === 'ambiguous') {
    work.report.ambiguous.push({ film: describe(input), candidates: match.candidates.map((film) => film.id) });
  }
  const film: LedgerFilm = {
    id: `f${work.nextId++}`,
    title: input.title,
    year: input.year,
    slug: input.slug ?? null,
    exportKey: input.exportKey ?? null,
    tmdb: input.tmdb ?? null,
    rating: null,
    liked: 'unknown',
    provenance: { rating: null, liked: null },
  };
  work.ledger.films.push(film);
  work.report.added += 1;
  return { film, created: true };
}

function count(work: Work, created: boolean, results: Array<boolean | 'older'>): void {
  if (created) return;
  if (results.includes(true)) work.report.updated += 1;
  else work.report.unchanged += 1;
}

/**
 * Applies a snapshot: each film's facts are replaced as of `snapshot.takenAt` (a fact observed later stays);
 * a complete snapshot also marks every other film not rated and not liked as of its time.
 */
export function applySnapshot(ledger: MemberLedger, snapshot: LedgerSnapshot) {
  const likesKnown = snapshot.likesKnown ?? true;
  const work = start(ledger);
  const crowded = crowdedKeys(snapshot.films);
  const provenance = { source: snapshot.source, observedAt: snapshot.takenAt } as Provenance;
  const seen = new Set<LedgerFilm>();
  for (const input of snapshot.films) {
    const { film, created } = recordOf(work, input, crowded);
    seen.add(film);
    const results = [setFact(film, 'rating', input.rating, provenance)];
    if (input.liked !== null) results.push(setFact(film, 'liked', input.liked, provenance));
    count(work, created, results);
  }
  if (snapshot.complete) {
    for (const film of work.ledger.films) {
      if (seen.has(film)) continue;
      const results = [setFact(film, 'rating', null, provenance)];
      if (likesKnown) results.push(setFact(film, 'liked', false, provenance));
      if (results.includes(true)) work.report.updated += 1;
    }
  }
  if (snapshot.source === 'export' && (work.ledger.exportedAt === null || snapshot.takenAt > work.ledger.exportedAt)) {
    work.ledger.exportedAt = snapshot.takenAt;
  }
  return finish(work, ledger);
}

/**
 * Applies feed entries: an entry newer than a fact updates it, an older one never does; an unrated entry leaves
 * the rating, an entry without `memberLike` leaves the like. Guids already applied are skipped.
 */
export function applyEvents(ledger: MemberLedger, events: readonly LedgerEvent[]) {
  const work = start(ledger);
  const applied = new Set(work.ledger.guids);
  const fresh = events.filter((event) => {
    if (applied.has(event.guid)) {
      work.report.duplicates += 1;
      return false;
    }
    applied.add(event.guid);
    return true;
  });
  const crowded = crowdedKeys(fresh);
  // Oldest first, so the newest entry of a film is the one that stays whatever the feed's order.
  const ordered = [...fresh].sort((a, b) => (a.publishedAt ?? UNDATED).localeCompare(b.publishedAt ?? UNDATED));
  for (const event of ordered) {
    const { film, created } = recordOf(work, event, crowded);
    const provenance: Provenance = { source: 'rss', observedAt: event.publishedAt ?? UNDATED, guid: event.guid };
    const results: Array<boolean | 'older'> = [];
    if (event.rating !== null) results.push(setFact(film, 'rating', event.rating, provenance));
    if (event.liked !== null) results.push(setFact(film, 'liked', event.liked, provenance));
    count(work, created, results);
    if (event.publishedAt && (work.ledger.lastFeedEntryAt === null || event.publishedAt > work.ledger.lastFeedEntryAt)) {
      work.ledger.lastFeedEntryAt = event.publishedAt;
    }
  }
  work.ledger.guids = [...fresh.map((event) => event.guid), ...work.ledger.guids].slice(0, GUIDS_KEPT);
  return finish(work, ledger);
}

/**
 * Gives records their TMDb id from `ids` (keyed by slug or export key — the film cache's keys), then merges
 * records that turn out to be the same TMDb film, unless something exact says they differ.
 */
export function applyTmdbIds(ledger: MemberLedger, ids: ReadonlyMap<string, { id: number; type: 'movie' | 'tv' }>) {
  const work = start(ledger);
  for (const film of work.ledger.films) {
    if (film.tmdb) continue;
    const found = (film.slug && ids.get(film.slug)) || (film.exportKey && ids.get(film.exportKey)) || null;
    if (found) film.tmdb = { id: found.id, type: found.type };
  }
  const kept: LedgerFilm[] = [];
  for (const film of work.ledger.films) {
    const twin = kept.find((other) => sameTmdb(other.tmdb, film.tmdb) && compatible(other, film));
    if (twin) merge(twin, film);
    else kept.push(film);
  }
  work.ledger.films = kept;
  return finish(work, ledger);
}

function merge(into: LedgerFilm, from: LedgerFilm): void {
  into.slug ??= from.slug;
  into.exportKey ??= from.exportKey;
  into.year ??= from.year;
  for (const field of ['rating', 'liked'] as const) {
    const theirs = from.provenance[field];
    const ours = into.provenance[field];
    if (theirs && (!ours || theirs.observedAt > ours.observedAt)) {
      if (field === 'rating') into.rating = from.rating;
      else into.liked = from.liked;
      into.provenance[field] = theirs;
    }
  }
}

function describe(input: LedgerInputFilm): LedgerInputFilm {
  return {
    title: input.title,
    year: input.year,
    slug: input.slug ?? null,
    exportKey: input.exportKey ?? null,
    tmdb: input.tmdb ?? null,
  };
}
