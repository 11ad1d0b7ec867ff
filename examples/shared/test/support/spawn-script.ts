import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A script of the repository run as `pnpm <script>` runs it (tsx with the `@lbx/source` condition). */
export interface SpawnedScript {
  child: ChildProcessWithoutNullStreams;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (rejects if the process exits first). */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

/** Spawn `scripts/<file>` with `args` in `cwd`, with `env` only (plus PATH). */
export function spawnScript(file: string, args: string[], options: { cwd: string; env: Record<string, string> }): SpawnedScript {
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['--conditions=@lbx/source', join(ROOT, 'scripts', file), ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', ...options.env },
  });
  let text = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    text += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    output: () => text,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text);
          if (match) {
            listeners.delete(check);
            resolve(match);
          }
        };
        listeners.add(check);
        check();
        void exited.then(() => {
          if (listeners.has(check)) reject(new Error(`exited before printing ${String(pattern)}:\n${text}`));
        });
      }),
  };
}
