import { copyFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  MappingStoreError,
  MemberSyncError,
  PaginationError,
  SyncMappingStoreError,
  SyncMemberError,
  SyncPaginationError,
  createJsonFileStore,
  createMemoryStore,
  isSyncError,
  type FilmCacheEntry,
} from '@lbx/sync';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-sync-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

describe('createJsonFileStore', () => {
  it('treats a missing file as empty and creates it on the first write', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    const store = createJsonFileStore(path);
    expect(await store.get('cinephile_ada')).toBeUndefined();
    expect(await store.all()).toEqual({});
    await store.set('cinephile_ada', 8500001);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ cinephile_ada: 8500001 });
    expect(await store.get('cinephile_ada')).toBe(8500001);
  });

  it('reads an existing { member: listId } file as is and keeps its format when writing', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    await copyFile(fixture('member-list-mappings.json'), path);
    const store = createJsonFileStore(path);
    expect(await store.all()).toEqual({ cinephile_ada: 8500001, 'noir.fan': 8500002 });
    await store.set('slow_cinema', 8500003);
    await store.delete('cinephile_ada');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ 'noir.fan': 8500002, slow_cinema: 8500003 });
  });

  it('uses tmdb_list_mappings.json in the working directory by default', async () => {
    const previous = process.cwd();
    process.chdir(dir);
    try {
      await createJsonFileStore().set('cinephile_ada', 42);
      expect(JSON.parse(await readFile(join(dir, 'tmdb_list_mappings.json'), 'utf8'))).toEqual({ cinephile_ada: 42 });
    } finally {
      process.chdir(previous);
    }
  });

  it('reports a corrupt file with a typed error and leaves it byte-for-byte intact', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    await copyFile(fixture('corrupt-mappings.json'), path);
    const before = await readFile(path);
    const store = createJsonFileStore(path);
    for (const attempt of [() => store.get('cinephile_ada'), () => store.set('cinephile_ada', 1), () => store.delete('x'), () => store.all()]) {
      const error = await attempt().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(SyncMappingStoreError);
      expect(error).toBeInstanceOf(MappingStoreError); // the former (deprecated) name is the same class
      expect(isSyncError(error)).toBe(true);
      expect((error as SyncMappingStoreError).reason).toBe('corrupt');
      expect((error as SyncMappingStoreError).path).toBe(path);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toMatch(/untouched/);
    }
    expect(Buffer.compare(await readFile(path), before)).toBe(0);
    expect(await readdir(dir)).toEqual(['tmdb_list_mappings.json']);
  });

  it.each([
    ['an array', '[8500001]'],
    ['a non-numeric list id', '{"cinephile_ada": "abc"}'],
    ['a negative list id', '{"cinephile_ada": -3}'],
    ['an empty file', ''],
  ])('refuses %s as corrupt', async (_label, content) => {
    const path = join(dir, 'm.json');
    await writeFile(path, content);
    await expect(createJsonFileStore(path).set('x', 1)).rejects.toMatchObject({ reason: 'corrupt' });
    expect(await readFile(path, 'utf8')).toBe(content);
  });

  it('reports an unreadable path (a directory) without touching it', async () => {
    const path = join(dir, 'mappings.json');
    await (await import('node:fs/promises')).mkdir(path);
    await expect(createJsonFileStore(path).get('x')).rejects.toMatchObject({ name: 'SyncMappingStoreError', reason: 'unreadable' });
  });

  it('creates missing parent directories of both files on the first write', async () => {
    const path = join(dir, 'fresh-volume', 'lbx', 'mappings.json');
    const filmsPath = join(dir, 'elsewhere', 'cache', 'films.json');
    const store = createJsonFileStore(path, { filmsPath });
    expect(await store.all()).toEqual({});
    await store.set('cinephile_ada', 8500001);
    await store.films.setMany(new Map([['lantern-film-1', { status: 'unmatched', checkedAt: '2026-01-01T00:00:00.000Z' }]]));
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ cinephile_ada: 8500001 });
    expect((await store.films.getMany(['lantern-film-1'])).get('lantern-film-1')).toMatchObject({ status: 'unmatched' });
    expect(await readdir(join(dir, 'fresh-volume', 'lbx'))).toEqual(['mappings.json']);
  });

  it('reports a failed write as write-failed and leaves nothing behind', async () => {
    // A name the file system accepts, but too long once the temp file's prefix and suffix are added.
    const path = join(dir, `${'m'.repeat(240)}.json`);
    await expect(createJsonFileStore(path).set('x', 1)).rejects.toMatchObject({ reason: 'write-failed', path });
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects a list id that is not a positive integer', async () => {
    const path = join(dir, 'mappings.json');
    await expect(createJsonFileStore(path).set('x', 1.5)).rejects.toBeInstanceOf(SyncMappingStoreError);
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('persists every one of many concurrent writes and leaves no temp file', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    const a = createJsonFileStore(path);
    const b = createJsonFileStore(path); // a second store on the same file shares the lock
    const names = Array.from({ length: 40 }, (_, i) => `member_${i}`);
    await Promise.all(names.map((name, i) => (i % 2 === 0 ? a : b).set(name, 1000 + i)));
    const saved = JSON.parse(await readFile(path, 'utf8')) as Record<string, number>;
    expect(Object.keys(saved).sort()).toEqual([...names].sort());
    expect(saved.member_7).toBe(1007);
    expect(await readdir(dir)).toEqual(['tmdb_list_mappings.json']);
  });

  it('does not rewrite the file when nothing changes', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    const store = createJsonFileStore(path);
    await store.set('x', 5);
    const inode = (await stat(path)).ino; // every real write renames a new file into place
    await store.set('x', 5);
    await store.delete('absent');
    expect((await stat(path)).ino).toBe(inode);
    await store.set('x', 6);
    expect((await stat(path)).ino).not.toBe(inode);
  });

  it('treats usernames and slugs as plain keys, even "__proto__" and "constructor"', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    const store = createJsonFileStore(path);
    expect(await store.get('constructor')).toBeUndefined();
    await store.set('__proto__', 11);
    await store.set('constructor', 12);
    expect(await createJsonFileStore(path).all()).toEqual(Object.fromEntries([['__proto__', 11], ['constructor', 12]]));
    expect(await store.get('__proto__')).toBe(11);
    await store.films.setMany(new Map([['__proto__', { status: 'unmatched', checkedAt: '2026-01-01T00:00:00Z' }]]));
    expect((await store.films.getMany(['__proto__', 'toString'])).size).toBe(1);
  });

  it('keeps the film cache in a sibling file so the mapping file keeps its format', async () => {
    const path = join(dir, 'tmdb_list_mappings.json');
    const store = createJsonFileStore(path);
    const entries = new Map<string, FilmCacheEntry>([
      ['parasite-2019', { status: 'matched', tmdbId: 496243, mediaType: 'movie', resolvedAt: '2026-01-01T00:00:00.000Z' }],
      ['obscure-short', { status: 'unmatched', checkedAt: '2026-01-02T00:00:00.000Z' }],
    ]);
    await store.set('cinephile_ada', 7);
    await store.films.setMany(entries);
    await store.films.setMany(new Map());
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ cinephile_ada: 7 });
    expect((await readdir(dir)).sort()).toEqual(['tmdb_list_mappings.films.json', 'tmdb_list_mappings.json']);
    const reopened = createJsonFileStore(path);
    const got = await reopened.films.getMany(['parasite-2019', 'obscure-short', 'unknown', 'constructor']);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(entries));
  });

  it('accepts a custom film cache path and refuses a corrupt cache without overwriting it', async () => {
    const filmsPath = join(dir, 'films-cache');
    await writeFile(filmsPath, '{"version": 2}');
    const store = createJsonFileStore(join(dir, 'mappings'), { filmsPath });
    await expect(store.films.getMany(['x'])).rejects.toMatchObject({ reason: 'corrupt', path: filmsPath });
    await expect(store.films.setMany(new Map([['x', { status: 'unmatched', checkedAt: 'now' }]]))).rejects.toBeInstanceOf(
      SyncMappingStoreError,
    );
    expect(await readFile(filmsPath, 'utf8')).toBe('{"version": 2}');
  });
});

describe('createMemoryStore', () => {
  it('implements the MappingStore contract in memory', async () => {
    const store = createMemoryStore({ mappings: { cinephile_ada: 1 } });
    expect(await store.get('cinephile_ada')).toBe(1);
    await store.set('noir.fan', 2);
    await store.delete('cinephile_ada');
    await store.delete('absent');
    expect(await store.all()).toEqual({ 'noir.fan': 2 });
    await store.films.setMany(new Map([['a', { status: 'unmatched', checkedAt: 'x' }]]));
    expect([...(await store.films.getMany(['a', 'b'])).keys()]).toEqual(['a']);
  });
});

describe('former error names (deprecated)', () => {
  it('are the renamed classes', () => {
    expect([MappingStoreError, MemberSyncError, PaginationError]).toEqual([SyncMappingStoreError, SyncMemberError, SyncPaginationError]);
  });
});
