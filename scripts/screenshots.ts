/**
 * `pnpm screenshots`: the dashboard's three pages (members, a member, a finished sync job) at desktop (1280 px)
 * and phone (390 px) widths, as PNG files in `screenshots/` (gitignored), for a reviewer to look at.
 *
 * Runs the server on the sandbox (fake Letterboxd and fake TMDb in this process, nothing reaches the real
 * sites) with two list definitions, syncs `cinephile_ana` through the dashboard's own "Sync now" button, and drives Debian's Chromium
 * (`/usr/bin/chromium`, or `CHROMIUM_PATH`) with `playwright-core`. `--out <dir>` writes elsewhere.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
// Relative import: the example server's test support is not a dependency of the root.
import { CHROMIUM_PATH, hasChromium, launchChromium, startSandboxServer } from '../examples/server/test/support/sandbox-server.ts';

const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: 'screenshots' } } });
  if (!hasChromium) {
    process.stderr.write(`No Chromium at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH.\n`);
    return 1;
  }
  const out = resolve(values.out as string);
  await mkdir(out, { recursive: true });
  // Two list definitions, so the dashboard shows them next to the members.
  const listsDir = await mkdtemp(join(tmpdir(), 'lbx-screenshots-'));
  const listsFile = join(listsDir, 'lists.yaml');
  await writeFile(listsFile, 'lists:\n  - source: watchlist\n    member: midnight_mo\n  - id: ana-slow\n    source: list\n    member: cinephile_ana\n    slug: slow-burners\n    excludeTv: true\n');
  const app = await startSandboxServer({ LBX_LISTS_FILE: listsFile });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: WIDTHS.desktop });
    await page.goto(`${app.url}/ui`);
    await page.getByRole('button', { name: 'Sync now (cinephile_ana)' }).click();
    await page.getByText('Results', { exact: true }).waitFor();
    const jobUrl = page.url();
    const memberUrl = `${app.url}/ui/members/cinephile_ana?film=paper-lanterns-2021&q=The+Thing&year=#pin-paper-lanterns-2021`;
    const shots: Array<[string, string]> = [['dashboard', `${app.url}/ui`], ['member', memberUrl], ['job', jobUrl]];
    const written: string[] = [];
    for (const [size, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      for (const [name, url] of shots) {
        await page.goto(url);
        const file = `${out}/${name}-${size}.png`;
        await page.screenshot({ path: file, fullPage: true });
        written.push(file);
      }
    }
    process.stdout.write(`${written.join('\n')}\n`);
    return 0;
  } finally {
    await browser.close();
    await app.close();
    await rm(listsDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`screenshots failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
