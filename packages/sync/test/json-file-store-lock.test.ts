import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonFileStore, createMemoryStore, SyncMappingStoreError, syncUser, type MappingStore } from '@lbx/sync';
import { createMemorySource, films, useTmdbFake } from './support/harness.js';

const h = useTmdbFake();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = (path: string) => stat(path).then(
  () => true,
  () => false,
);

describe('createJsonFileStore().lock', () => {
  it('holds a lock directory next to the mapping file while fn runs, and removes it after', async () => {
    const path = join(dir, 'data', 'tmdb_list_mappings.json');
    const store = createJsonFileStore(path);
    const held = await store.lock?.('cinephile_ada', async () => exists(`${path}.cinephile_ada.lock`));
    expect(held).toBe(true);
    expect(await exists(`${path}.cinephile_ada.lock`)).toBe(false);
  });

  it('hashes keys that are not plain names into the lock file name', async () => {
    const path = join(dir, 'm.json');
    const seen = await createJsonFileStore(path).lock?.('list:Best of 2024/ü', async () => {
      const { readdir } = await import('node:fs/promises');
      return (await readdir(dir)).filter((name) => name.endsWith('.lock'));
    });
    expect(seen).toEqual([expect.stringMatching(/^m\.json\.[0-9a-f]{24}\.lock$/)]);
  });

  it('gives up after lockTimeoutMs with a SyncMappingStoreError saying what to do', async () => {
    const path = join(dir, 'm.json');
    let release!: () => void;
    const holder = createJsonFileStore(path).lock?.('ada', () => new Promise<void>((resolve) => (release = resolve)));
    while (!(await exists(`${path}.ada.lock`))) await new Promise((resolve) => setTimeout(resolve, 5));
    const error = await createJsonFileStore(path, { lockTimeoutMs: 0 })
      .lock?.('ada', async () => 'never')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SyncMappingStoreError);
    expect(error).toMatchObject({ reason: 'lock-failed', path: `${path}.ada.lock` });
    expect((error as Error).message).toMatch(/another process has held it for more than 0 s.*delete that lock directory/);
    release();
    await holder;
  });

  it('reports a lock that cannot be made as lock-failed', async () => {
    const blocker = join(dir, 'not-a-dir');
    await writeFile(blocker, 'x');
    const store = createJsonFileStore(join(blocker, 'm.json'));
    await expect(store.lock?.('ada', async () => 'never')).rejects.toMatchObject({ name: 'SyncMappingStoreError', reason: 'lock-failed' });
  });

  it('refuses a negative lockTimeoutMs', () => {
    expect(() => createJsonFileStore(join(dir, 'm.json'), { lockTimeoutMs: -1 })).toThrow(RangeError);
  });
});

describe('syncUser with a store lock', () => {
  it('fails the member (stage store) when the lock cannot be taken, and writes nothing', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const failing: MappingStore = {
      ...createMemoryStore(),
      lock: async () => {
        throw new SyncMappingStoreError('/data/m.json.cinephile_ada.lock', 'lock-failed', 'disk full');
      },
    };
    const result = await syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: failing });
    expect(result).toMatchObject({ status: 'failed', listId: null, duplicateListIds: [] });
    expect(result.status === 'failed' && result.error).toMatchObject({ stage: 'store' });
    expect(result.status === 'failed' && result.error.message).toMatch(/cross-process lock.*disk full/);
    expect(h.fake.writeCount()).toBe(0);
  });

  it('rejects with the reason when aborted while waiting for the lock', async () => {
    const source = createMemorySource();
    source.members.set('cinephile_ada', films([1]));
    const controller = new AbortController();
    let waitingForLock!: () => void;
    const called = new Promise<void>((resolve) => (waitingForLock = resolve));
    const waiting: MappingStore = {
      ...createMemoryStore(),
      // Another process holds the member: wait until the signal aborts.
      lock: (_key, _fn, options) =>
        new Promise((_resolve, reject) => {
          options?.signal?.addEventListener('abort', () => reject(options.signal?.reason));
          waitingForLock();
        }),
    };
    const run = syncUser('cinephile_ada', { source, tmdb: h.tmdb, store: waiting }, { signal: controller.signal });
    await called;
    controller.abort(new Error('shutdown'));
    await expect(run).rejects.toThrow('shutdown');
  });
});
