import { inject } from 'vitest';
import type {} from './provided-context.js';
import { createTestDatabase } from './start-postgres.js';

/**
 * A fresh database for the calling test file on the PostgreSQL the test run started (see
 * `vitest.postgres-setup.ts`), as a connection string.
 */
export async function createRunDatabase(prefix: string): Promise<string> {
  const url = inject('postgresUrl');
  if (url === undefined) {
    throw new Error(
      'This test run has no PostgreSQL: run vitest from the repository root (its globalSetup starts one for the projects listed in vitest.postgres-setup.ts).',
    );
  }
  return createTestDatabase(url, prefix);
}
