// A real PostgreSQL for tests (separate entry point: only tests that need it load the server binaries).
export { createTestDatabase, startPostgres, type StartPostgresOptions, type TestPostgres } from './start-postgres.js';
export { createRunDatabase } from './test-database.js';
