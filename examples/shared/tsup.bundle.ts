import type { Options } from 'tsup';

/**
 * tsup options for an example's production bundle (the Docker images): one ESM file named `<name>.js` (and the
 * export parser's worker, `export-parse-worker.js`), each with
 * every dependency inlined (the workspace packages are read from their sources through the `@lbx/source`
 * condition), so the runtime image needs no node_modules.
 */
export function exampleBundle(name: string): Options {
  return {
    // The export parser's worker thread runs from its own file next to the bundle (see export-parser.ts).
    entry: { [name]: 'src/main.ts', 'export-parse-worker': '../shared/src/export-parse-worker.ts' },
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
      options.conditions = ['@lbx/source', 'module'];
    },
    banner: {
      // Some CommonJS dependencies call require(); give the ESM bundle one.
      js: "import { createRequire as __lbxCreateRequire } from 'node:module'; const require = __lbxCreateRequire(import.meta.url);",
    },
  };
}
