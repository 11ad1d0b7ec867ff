import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnScript } from './support/spawn-script';

/** The repository's instructions: every README a newcomer reads. */
function readmes(): string[] {
  const files = ['README.md', 'bench/README.md', '.changeset/README.md', 'examples/README.md'];
  for (const dir of ['packages', 'examples']) {
    for (const name of readdirSync(join(ROOT, dir))) files.push(`${dir}/${name}/README.md`);
  }
  return files.filter((file) => {
    try {
      readFileSync(join(ROOT, file));
      return true;
    } catch {
      return false;
    }
  });
}

/** `pnpm <command>` not written as the README's `npx -y pnpm@12.4.2 <command>` (pnpm is not installed globally). */
const BARE_PNPM = /(?<![\w@./-])pnpm (?=[a-z-])/;

describe('instructions use the README form of pnpm', () => {
  it('no README tells you to run a bare `pnpm …`', () => {
    const bare = readmes().flatMap((file) =>
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (BARE_PNPM.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(bare).toEqual([]);
  });

  it('the demo prints its usage (to stdout) in that form', async () => {
    const run = spawnScript('demo.ts', ['--help'], { cwd: ROOT, env: {} });
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('Usage: npx -y pnpm@12.4.2 demo [--write]');
    expect(run.output().match(BARE_PNPM)).toBeNull();
  }, 120_000);
});
