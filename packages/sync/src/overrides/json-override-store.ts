import { z } from 'zod';
import { SyncMappingStoreError } from '../errors.js';
import { readVersionedMap, writeJson } from '../internal/json-file.js';
import { createKeyedLock } from '../internal/keyed-lock.js';
import type { FilmOverride, OverrideStore } from './override-store.js';

/** A stored override's shape (version 1); the Postgres store validates its rows with it too. */
export const overrideSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pin'),
    tmdbId: z.number().int().positive(),
    mediaType: z.enum(['movie', 'tv']),
    title: z.string().nullable(),
    year: z.number().int().nullable(),
    setAt: z.string().min(1),
  }),
  z.object({ kind: z.literal('exclude'), setAt: z.string().min(1) }),
]);

/** One lock per overrides file within the process. */
const fileLock = createKeyedLock();

/**
 * Every override in one JSON file (`{ "version": 1, "overrides": { "<film key>": … } }`), written atomically
 * (temp file + fsync + rename). A file that does not parse or validate raises `SyncMappingStoreError`
 * (`corrupt`) and is never overwritten; an override that does not validate is refused before the file is touched.
 */
export function createJsonOverrideStore(path: string): OverrideStore {
  const readAll = (): Promise<Map<string, FilmOverride>> =>
    readVersionedMap(path, 'overrides', (value) => overrideSchema.safeParse(value), 'a match overrides file');
  const update = (change: (overrides: Map<string, FilmOverride>) => boolean): Promise<void> =>
    fileLock.run(path, async () => {
      const overrides = await readAll();
      if (!change(overrides)) return;
      await writeJson(path, `${JSON.stringify({ version: 1, overrides: Object.fromEntries(overrides) }, null, 2)}\n`);
    });
  return {
    async getMany(keys) {
      const all = await readAll();
      const found = new Map<string, FilmOverride>();
      for (const key of keys) {
        const override = all.get(key);
        if (override) found.set(key, override);
      }
      return found;
    },
    all: readAll,
    async set(key, override) {
      const parsed = overrideSchema.safeParse(override);
      if (!parsed.success) {
        throw new SyncMappingStoreError(path, 'write-failed', `the override of ${JSON.stringify(key)} is not a pin or an exclusion (use setOverride); nothing was written.`);
      }
      await update((overrides) => {
        overrides.set(key, parsed.data);
        return true;
      });
    },
    async delete(key) {
      let existed = false;
      await update((overrides) => (existed = overrides.delete(key)));
      return existed;
    },
  };
}
