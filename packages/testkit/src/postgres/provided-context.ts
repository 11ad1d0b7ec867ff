// What the root globalSetup (vitest.postgres-setup.ts) provides to every test of the run.
declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the run's PostgreSQL maintenance database; absent when no project needed one. */
    postgresUrl?: string;
  }
}
export {};
