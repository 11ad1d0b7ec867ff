import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJsonFileStore, createMemoryStore } from '@lbx/sync';
import { describeLockContract, describeMappingStoreContract } from './support/store-contract.js';

describeMappingStoreContract('memory store', async () => ({ store: createMemoryStore() }));

describeMappingStoreContract(
  'JSON file store',
  async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lbx-store-contract-'));
    const path = join(dir, 'tmdb_list_mappings.json');
    return {
      store: createJsonFileStore(path),
      reopen: () => createJsonFileStore(path),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
  { shared: true },
);

describeLockContract('JSON file store', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lbx-store-lock-'));
  const path = join(dir, 'tmdb_list_mappings.json');
  return {
    store: createJsonFileStore(path),
    reopen: () => createJsonFileStore(path),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
