import { defineConfig } from 'tsup';

export default defineConfig({
  // `@lbx/sync/postgres` is its own entry: importing `@lbx/sync` never loads it (nor its optional peer `pg`).
  entry: { index: 'src/index.ts', postgres: 'src/postgres/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  external: ['pg'],
});
