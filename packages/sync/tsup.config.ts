import { defineConfig } from 'tsup';

// `@lbx/internal` (private, shared with the other packages) is bundled in, so the published package never
// depends on it; the declaration files inline whatever types it contributes.
export default defineConfig({
  // `@lbx/sync/postgres` is its own entry: importing `@lbx/sync` never loads it (nor its optional peer `pg`).
  entry: { index: 'src/index.ts', postgres: 'src/postgres/index.ts' },
  format: ['esm', 'cjs'],
  dts: { compilerOptions: { paths: { '@lbx/internal': ['../internal/src/index.ts'] } } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  external: ['pg'],
  noExternal: ['@lbx/internal'],
});
