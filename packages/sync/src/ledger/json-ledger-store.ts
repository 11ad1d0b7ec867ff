import { z } from 'zod';
import { readVersionedMap, writeJson } from '../internal/json-file.js';
import { createKeyedLock } from '../internal/keyed-lock.js';
import type { LedgerStore } from './ledger-store.js';
import type { MemberLedger } from './ledger-types.js';

const tmdbSchema = z.object({ id: z.number().int().positive(), type: z.enum(['movie', 'tv']) });
const observedAt = z.string().min(1);
const provenanceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('export'), observedAt }),
  z.object({ source: z.literal('rss'), observedAt, guid: z.string() }),
  z.object({ source: z.literal('scrape'), observedAt }),
  z.object({ source: z.literal('api'), observedAt }),
]);
const filmSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  year: z.number().int().nullable(),
  slug: z.string().nullable(),
  exportKey: z.string().nullable(),
  tmdb: tmdbSchema.nullable(),
  rating: z.number().min(0.5).max(5).nullable(),
  liked: z.union([z.boolean(), z.literal('unknown')]),
  provenance: z.object({ rating: provenanceSchema.nullable(), liked: provenanceSchema.nullable() }),
});
/** A stored ledger's shape (version 1); other stores validate what they read with it too. */
export const ledgerSchema = z.object({
  version: z.literal(1),
  username: z.string().min(1),
  films: z.array(filmSchema),
  exportedAt: z.string().nullable(),
  lastFeedEntryAt: z.string().nullable(),
  feedReadAt: z.string().nullable(),
  guids: z.array(z.string()),
});

type ParsedLedger = { success: true; data: MemberLedger } | { success: false };

/** One lock per ledger file within the process. */
const fileLock = createKeyedLock();

/**
 * The ledgers of every member in one JSON file (`{ "version": 1, "members": { "<username>": … } }`), written
 * atomically (temp file + fsync + rename). A file that does not parse or validate raises
 * `SyncMappingStoreError` (`corrupt`) and is never overwritten.
 */
export function createJsonLedgerStore(path: string): LedgerStore {
  const readAll = (): Promise<Map<string, MemberLedger>> =>
    readVersionedMap(path, 'members', (value) => ledgerSchema.safeParse(value) as ParsedLedger, 'a film ledger');
  return {
    async get(username) {
      return (await readAll()).get(username);
    },
    async put(username, ledger) {
      await fileLock.run(path, async () => {
        const members = await readAll();
        members.set(username, ledger);
        await writeJson(path, `${JSON.stringify({ version: 1, members: Object.fromEntries(members) })}\n`);
      });
    },
  };
}
