import { defineConfig } from 'tsup';

/**
 * Production bundle for the Docker image: one ESM file with every dependency inlined (the workspace packages
 * are read from their sources through the `@lbx/source` condition), so the runtime image needs no node_modules.
 */
export default defineConfig({
  entry: { server: 'src/main.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  dts: false,
  sourcemap: true,
  splitting: false,
  noExternal: [/.*/],
  esbuildOptions(options) {
    options.conditions = ['@lbx/source', 'import', 'module', 'default'];
  },
  banner: {
    // Some CommonJS dependencies call require(); give the ESM bundle one.
    js: "import { createRequire as __lbxCreateRequire } from 'node:module'; const require = __lbxCreateRequire(import.meta.url);",
  },
});
