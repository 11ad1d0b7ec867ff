import { defineConfig } from 'tsup';

// `@lbx/internal` (private, shared with the other packages) is bundled into both builds and inlined into the
// declaration files, so the published package never depends on it. ESM keeps the other dependencies external;
// the CJS build also bundles ky (ESM-only) so `require()` works everywhere.
const dts = { compilerOptions: { paths: { '@lbx/internal': ['../internal/src/index.ts'] } } };
export default defineConfig([
  { entry: ['src/index.ts'], format: ['esm'], dts, sourcemap: true, clean: true, target: 'node20', noExternal: ['@lbx/internal'] },
  { entry: ['src/index.ts'], format: ['cjs'], dts, sourcemap: true, target: 'node20', noExternal: ['ky', '@lbx/internal'] },
]);
