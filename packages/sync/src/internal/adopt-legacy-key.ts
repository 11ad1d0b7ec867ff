import type { MappingStore } from '../mapping-store.js';
import { normalizeUsername } from '../normalize-username.js';

/**
 * A store written before usernames were normalised may key a member as typed ("Alice"). Before syncing the
 * normalised name, move such a key to it so the member keeps their mapped list (the mapping, not the name
 * lookup, ties a member to their list; `findListByName`'s case-insensitive fallback is the second line of
 * defence). No-op when the normalised key exists or no other key normalises to it.
 */
export async function adoptLegacyKey(store: MappingStore, username: string): Promise<void> {
  if ((await store.get(username)) !== undefined) return;
  const all = await store.all();
  const legacy = Object.keys(all).find((key) => key !== username && normalizeUsername(key) === username);
  if (legacy === undefined) return;
  await store.set(username, all[legacy] as number);
  await store.delete(legacy);
}
