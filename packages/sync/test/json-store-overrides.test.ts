import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFileStore, listOverrides, removeOverride, setOverride, syncUser, type FilmOverride } from '@lbx/sync';
import { createMemorySource, film, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();

let dir: string;
let mappingPath: string;
let overridesPath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-overrides-'));
  mappingPath = join(dir, 'tmdb_list_mappings.json');
  overridesPath = join(dir, 'tmdb_list_mappings.overrides.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));

describe('JSON file store: match overrides', () => {
  it('keeps overrides in tmdb_list_mappings.overrides.json, readable by a second store and by hand', async () => {
    const store = createJsonFileStore(mappingPath);
    await setOverride(store, h.tmdb, { key: 'lantern-film-3', tmdbId: 7020, mediaType: 'movie' });
    await setOverride(store, h.tmdb, { key: 'boxd:Zq9', exclude: true });

    expect(await readJson(overridesPath)).toEqual({
      version: 1,
      overrides: {
        'lantern-film-3': { kind: 'pin', tmdbId: 7020, mediaType: 'movie', title: 'Lantern Film 20', year: 1979, setAt: expect.any(String) },
        'boxd:Zq9': { kind: 'exclude', setAt: expect.any(String) },
      },
    });
    expect((await listOverrides(createJsonFileStore(mappingPath))).map((override) => override.key)).toEqual(['boxd:Zq9', 'lantern-film-3']);
    await expect(readFile(mappingPath)).rejects.toMatchObject({ code: 'ENOENT' }); // the mappings are not touched

    expect(await removeOverride(store, 'boxd:Zq9')).toBe(true);
    expect(Object.keys((await readJson(overridesPath)) as { overrides: object })).toEqual(['version', 'overrides']);
    expect(Object.keys(((await readJson(overridesPath)) as { overrides: object }).overrides)).toEqual(['lantern-film-3']);
  });

  it('honours overridesPath', async () => {
    const custom = join(dir, 'state', 'pins.json');
    const store = createJsonFileStore(mappingPath, { overridesPath: custom });
    await setOverride(store, h.tmdb, { key: 'lantern-film-1', exclude: true });
    expect(await readJson(custom)).toMatchObject({ version: 1, overrides: { 'lantern-film-1': { kind: 'exclude' } } });
    await expect(readFile(overridesPath)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never writes the file for a refused override, nor for a value that is not an override', async () => {
    const store = createJsonFileStore(mappingPath);
    await setOverride(store, h.tmdb, { key: 'lantern-film-3', tmdbId: 7020, mediaType: 'movie' });
    const before = await readFile(overridesPath, 'utf8');

    await expect(setOverride(store, h.tmdb, { key: 'lantern-film-3', tmdbId: 424_242, mediaType: 'movie' })).rejects.toMatchObject({
      reason: 'unknown-tmdb-id',
    });
    const junk = { kind: 'pin', tmdbId: -4, mediaType: 'movie', title: null, year: null, setAt: 'now' } as FilmOverride;
    await expect(store.overrides.set('lantern-film-3', junk)).rejects.toMatchObject({ name: 'SyncMappingStoreError', reason: 'write-failed' });
    await expect(store.overrides.set('lantern-film-4', {} as FilmOverride)).rejects.toThrow(/not a pin or an exclusion/);

    expect(await readFile(overridesPath, 'utf8')).toBe(before);
  });

  it.each([
    ['not JSON', '{"version": 1, "overrides": {'],
    ['another format', '{"lantern-film-3": 7020}'],
    ['a bad entry', '{"version": 1, "overrides": {"lantern-film-3": {"kind": "pin", "tmdbId": "7020", "mediaType": "movie", "setAt": "x"}}}'],
  ])('refuses a corrupt overrides file (%s), leaves it as it is, and fails the sync before any TMDb write', async (_, text) => {
    await writeFile(overridesPath, text);
    const store = createJsonFileStore(mappingPath);

    await expect(setOverride(store, h.tmdb, { key: 'lantern-film-1', exclude: true })).rejects.toMatchObject({
      name: 'SyncMappingStoreError',
      reason: 'corrupt',
      path: overridesPath,
    });
    await expect(removeOverride(store, 'lantern-film-3')).rejects.toMatchObject({ reason: 'corrupt' });
    await expect(listOverrides(store)).rejects.toMatchObject({ reason: 'corrupt' });

    const source = createMemorySource();
    source.members.set('cinephile_ada', [film(1)]);
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store });
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.error.stage).toBe('resolve-films');
    expect(h.fake.writeCount()).toBe(0);
    expect(await readFile(overridesPath, 'utf8')).toBe(text);
  });
});
