/**
 * `npx -y pnpm@12.4.2 tmdb:sign-in [--write-env] [--env-file <path>]`: TMDb's v4 approval flow as a command
 * (see SIGN_IN_USAGE in examples/shared/src/tmdb-sign-in.ts). Runs from the sources after the README's install:
 * no build needed.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
// Relative imports: the examples' shared package is not a dependency of the workspace root.
import { sandboxRequested } from '../examples/shared/src/sandbox-requested.ts';
import { runTmdbSignIn, signInEnvFile } from '../examples/shared/src/tmdb-sign-in.ts';

const argv = process.argv.slice(2);
const envFile = signInEnvFile(argv);
if (existsSync(envFile)) process.loadEnvFile(envFile);

let sandboxed = false;
try {
  sandboxed = sandboxRequested(process.env);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
// LBX_SANDBOX=1: a fake TMDb in this process (its approval page approves with one request).
const sandbox = sandboxed ? await (await import('../examples/shared/src/sandbox.ts')).startSandbox() : null;
if (sandbox) process.stdout.write(`sandbox: fake TMDb ${sandbox.tmdbUrl} (nothing reaches the real TMDb)\n`);

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const code = await runTmdbSignIn({
  argv,
  env: sandbox ? { ...process.env, ...sandbox.env } : process.env,
  sandbox: sandbox !== null,
  waitForEnter: async () => !(await lines.next()).done,
  write: (text) => void process.stdout.write(`${text}\n`),
  writeError: (text) => void process.stderr.write(`${text}\n`),
});
await sandbox?.close();
process.exit(code);
