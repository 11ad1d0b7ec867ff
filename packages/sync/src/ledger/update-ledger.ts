import { SyncOptionsError } from '../errors.js';
import { createKeyedLock } from '../internal/keyed-lock.js';
import { normalizeUsername } from '../normalize-username.js';
import type { MappingStore } from '../mapping-store.js';
import { applyEvents, applySnapshot, applyTmdbIds, emptyLedger } from './apply-ledger.js';
import type { LedgerStore } from './ledger-store.js';
import type { LedgerApplyReport, LedgerEvent, LedgerInputFilm, LedgerSnapshot, LedgerTmdbRef, MemberLedger } from './ledger-types.js';

/** What the ledger functions work with: a store that has `ledger` (the built-in stores do). */
export interface LedgerDeps {
  /** `createJsonFileStore()`, `createMemoryStore()` or any store with a `ledger`; its film cache (optional) gives export films their TMDb id. */
  store: MappingStore;
}

/** One read-modify-write of a member's ledger at a time within the process. */
const memberLock = createKeyedLock();

export function ledgerStoreOf(deps: LedgerDeps): LedgerStore {
  const ledger = deps?.store?.ledger;
  if (!ledger) throw new SyncOptionsError('store', deps?.store, 'a mapping store with a `ledger` (createJsonFileStore, createMemoryStore)');
  return ledger;
}

/** Ledgers are kept per normalised username ({@link normalizeUsername}: Letterboxd usernames are case-insensitive). */
export function ledgerKey(username: string): string {
  if (typeof username !== 'string' || username.trim() === '') {
    throw new SyncOptionsError('username', username, 'a non-empty Letterboxd username');
  }
  return normalizeUsername(username);
}

/**
 * A member's ledger as stored, or an empty one when none exists yet.
 *
 * @throws {SyncOptionsError} the store has no `ledger`. The store's errors (a corrupt ledger file:
 *   `SyncMappingStoreError`) propagate.
 */
export async function readLedger(username: string, deps: LedgerDeps): Promise<MemberLedger> {
  const key = ledgerKey(username);
  return (await ledgerStoreOf(deps).get(key)) ?? emptyLedger(key);
}

type Change = (ledger: MemberLedger, ids: ReadonlyMap<string, LedgerTmdbRef>) => { ledger: MemberLedger; report: LedgerApplyReport };

/**
 * Runs `change` on the member's ledger under the member's lock: TMDb ids the film cache knows are given to the
 * inputs and records first (so export rows merge with feed entries on the TMDb id), then the result is stored if
 * anything changed. `extra` may adjust the ledger after the change (freshness fields).
 */
export async function updateLedger(
  username: string,
  deps: LedgerDeps,
  inputs: readonly LedgerInputFilm[],
  change: Change,
  extra?: (ledger: MemberLedger) => MemberLedger,
): Promise<LedgerApplyReport> {
  const store = ledgerStoreOf(deps);
  const key = ledgerKey(username);
  return memberLock.run(key, async () => {
    const before = (await store.get(key)) ?? emptyLedger(key);
    const ids = await cachedIds(deps, before, inputs);
    const enriched = applyTmdbIds(before, ids).ledger;
    const applied = change(enriched, ids);
    const merged = applyTmdbIds(applied.ledger, ids).ledger;
    const changed = JSON.stringify(merged) !== JSON.stringify(before);
    const after = extra ? extra(merged) : merged;
    if (changed || after !== merged) await store.put(key, after);
    return { ...applied.report, changed };
  });
}

/** TMDb ids the film cache holds for the records' and inputs' keys (slug, export key) that lack one. */
async function cachedIds(deps: LedgerDeps, ledger: MemberLedger, inputs: readonly LedgerInputFilm[]) {
  const ids = new Map<string, LedgerTmdbRef>();
  const cache = deps.store.films;
  if (!cache) return ids;
  const keys = new Set<string>();
  for (const film of [...ledger.films, ...inputs]) {
    if (film.tmdb) continue;
    if (film.slug) keys.add(film.slug);
    if (film.exportKey) keys.add(film.exportKey);
  }
  if (keys.size === 0) return ids;
  for (const [slug, entry] of await cache.getMany([...keys])) {
    if (entry.status === 'matched') ids.set(slug, { id: entry.tmdbId, type: entry.mediaType });
  }
  return ids;
}

/** Inputs with the TMDb id the cache knows for their key. */
export function withIds<T extends LedgerInputFilm>(inputs: readonly T[], ids: ReadonlyMap<string, LedgerTmdbRef>): T[] {
  return inputs.map((input) => {
    if (input.tmdb) return input;
    const found = (input.slug && ids.get(input.slug)) || (input.exportKey && ids.get(input.exportKey));
    return found ? { ...input, tmdb: found } : input;
  });
}

/**
 * Applies a snapshot (an export, a scrape, an API read) to the member's ledger: the facts it gives replace what
 * was known as of `snapshot.takenAt` (newer facts stay); a complete snapshot also marks the films it does not
 * name as neither rated nor liked as of its time. Applying the same snapshot again changes nothing.
 *
 * @throws {SyncOptionsError} the store has no `ledger`. Store errors propagate (nothing is written then).
 */
export function applyLedgerSnapshot(username: string, snapshot: LedgerSnapshot, deps: LedgerDeps): Promise<LedgerApplyReport> {
  return updateLedger(username, deps, snapshot.films, (ledger, ids) =>
    applySnapshot(ledger, { ...snapshot, films: withIds(snapshot.films, ids) }),
  );
}

/**
 * Applies feed entries to the member's ledger: an entry newer than a fact updates it, an older one never does;
 * guids already applied are skipped, so the same feed applied twice changes nothing.
 *
 * @throws {SyncOptionsError} the store has no `ledger`. Store errors propagate (nothing is written then).
 */
export function applyLedgerEvents(username: string, events: readonly LedgerEvent[], deps: LedgerDeps): Promise<LedgerApplyReport> {
  return updateLedger(username, deps, events, (ledger, ids) => applyEvents(ledger, withIds(events, ids)));
}
