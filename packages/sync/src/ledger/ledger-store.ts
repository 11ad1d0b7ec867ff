import type { MemberLedger } from './ledger-types.js';

/**
 * Where members' ledgers are kept: `MappingStore.ledger`. Per member, whole ledgers in and out — small enough
 * for a JSON file, a Redis hash or one Postgres row per member.
 *
 * Implementations must:
 * - return `undefined` from `get` for a member without a ledger (never throw for "not found");
 * - make `put` durable and atomic before resolving (a crash leaves the old or the new ledger, never a mix);
 * - never lose other members' ledgers when one is written;
 * - refuse to read or overwrite stored data they cannot parse (throw; the JSON store throws `SyncMappingStoreError`).
 *
 * Keys are the lower-cased username. The ledger functions of `@lbx/sync` serialize a member's read-modify-write
 * within the process.
 */
export interface LedgerStore {
  /** The member's ledger, or `undefined` when none was stored yet. */
  get(username: string): Promise<MemberLedger | undefined>;
  /** Store (insert or replace) the member's ledger. */
  put(username: string, ledger: MemberLedger): Promise<void>;
}
