/**
 * `pnpm bench`: one table, measured on this machine. Each part runs on its own; a part that cannot run is
 * printed as a FAILED row and the command exits non-zero (no silent gaps). `pnpm bench parse sync` runs only
 * the named parts (parse, top-rated, sync, server, stores).
 */
import { cpus } from 'node:os';
import { parseThroughput } from '../bench/parse-throughput.ts';
import { failedRow, renderTable, type Row } from '../bench/report-table.ts';
import { serverThroughput } from '../bench/server-throughput.ts';
import { storeScale } from '../bench/store-scale.ts';
import { syncStrategies } from '../bench/sync-strategies.ts';
import { topRatedRequests } from '../bench/top-rated-requests.ts';

const allParts: Array<[key: string, name: string, run: () => Promise<Row[]>]> = [
  ['parse', 'Parse (public API, in-process)', parseThroughput],
  ['top-rated', 'getTopRated requests', topRatedRequests],
  ['sync', 'Sync strategies', syncStrategies],
  ['server', 'Example server', serverThroughput],
  ['stores', 'Stores at scale', storeScale],
];
const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = wanted.filter((arg) => !allParts.some(([key]) => key === arg));
if (unknown.length > 0) {
  console.error(`unknown part(s): ${unknown.join(', ')}; choose from ${allParts.map(([key]) => key).join(', ')}`);
  process.exit(2);
}
const parts = allParts.filter(([key]) => wanted.length === 0 || wanted.includes(key));

const rows: Row[] = [];
let failed = 0;
const started = performance.now();
for (const [, name, run] of parts) {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    rows.push(...(await run()));
  } catch (error) {
    failed += 1;
    rows.push(failedRow(name, error));
    process.stderr.write(`bench: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(`lbx benchmark — Node ${process.version}, ${cpus().length} × ${cpu}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log(renderTable(rows));
console.log(`\n(total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
if (failed > 0) {
  console.error(`\n${failed} part(s) failed; see above.`);
  process.exitCode = 1;
}
