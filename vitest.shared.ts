import { fileURLToPath } from 'node:url';

/** Resolve workspace packages to their TypeScript sources, so tests never need a build first. */
export const workspaceAlias: Record<string, string> = {
  // Subpaths first: an alias also matches longer specifiers that start with it.
  '@lbx/sync/postgres': fileURLToPath(new URL('./packages/sync/src/postgres/index.ts', import.meta.url)),
  '@lbx/testkit/postgres': fileURLToPath(new URL('./packages/testkit/src/postgres/index.ts', import.meta.url)),
  '@lbx/letterboxd': fileURLToPath(new URL('./packages/letterboxd/src/index.ts', import.meta.url)),
  '@lbx/tmdb': fileURLToPath(new URL('./packages/tmdb/src/index.ts', import.meta.url)),
  '@lbx/sync': fileURLToPath(new URL('./packages/sync/src/index.ts', import.meta.url)),
  '@lbx/testkit': fileURLToPath(new URL('./packages/testkit/src/index.ts', import.meta.url)),
};
