#!/usr/bin/env node
// Smoke test for a built package: for every entry point, both `require()` and `import()` must load it and
// expose the same names.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? '.');
const pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8'));
const require = createRequire(resolve(dir, 'package.json'));
for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (typeof target !== 'object' || !target.require || !target.import) continue;
  const name = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
  const cjs = require(resolve(dir, target.require.default));
  const esm = await import(pathToFileURL(resolve(dir, target.import.default)).href);
  const cjsNames = Object.keys(cjs).sort();
  const esmNames = Object.keys(esm).filter((n) => n !== 'default' && n !== 'module.exports').sort();
  if (cjsNames.length === 0) throw new Error(`${name}: the CJS build exports nothing`);
  if (cjsNames.join() !== esmNames.join()) {
    throw new Error(`${name}: CJS and ESM exports differ\n  cjs: ${cjsNames}\n  esm: ${esmNames}`);
  }
  console.log(`${name}: require() and import() both load ${cjsNames.length} exports`);
}
