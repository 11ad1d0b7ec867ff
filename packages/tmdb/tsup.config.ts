import { defineConfig } from 'tsup';

// ESM keeps its dependencies external; the CJS build bundles ky (ESM-only) so `require()` works everywhere.
export default defineConfig([
  { entry: ['src/index.ts'], format: ['esm'], dts: true, sourcemap: true, clean: true, target: 'node20' },
  { entry: ['src/index.ts'], format: ['cjs'], dts: true, sourcemap: true, target: 'node20', noExternal: ['ky'] },
]);
