/**
 * `pnpm bench`: one table, measured on this machine. Each part runs on its own; a part that cannot run is
 * printed as a FAILED row and the command exits non-zero (no silent gaps).
 */
import { cpus } from 'node:os';
import { parseThroughput } from '../bench/parse-throughput.ts';
import { failedRow, renderTable, type Row } from '../bench/report-table.ts';
import { serverThroughput } from '../bench/server-throughput.ts';
import { syncStrategies } from '../bench/sync-strategies.ts';
import { topRatedRequests } from '../bench/top-rated-requests.ts';

const parts: Array<[string, () => Promise<Row[]>]> = [
  ['Parse (public API, in-process)', parseThroughput],
  ['getTopRated requests', topRatedRequests],
  ['Sync strategies', syncStrategies],
  ['Example server', serverThroughput],
];

const rows: Row[] = [];
let failed = 0;
const started = performance.now();
for (const [name, run] of parts) {
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
