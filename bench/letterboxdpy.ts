import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** letterboxdpy's parse of one page: pages/s of its best round, or why it did not run. */
export type LetterboxdpyResult =
  | { ran: true; pagesPerSecond: number; msPerPage: number; cpuMsPerPage: number; pages: number; version: string; python: string }
  | { ran: false; reason: string };

const SCRIPT = fileURLToPath(new URL('./letterboxdpy-parse.py', import.meta.url));

/**
 * Times letterboxdpy's own parsing (BeautifulSoup + lxml, `extract_movies_from_user_watched`) of `html`, which
 * must hold `films` films. Runs only when `LETTERBOXDPY_PATH` names a letterboxdpy source checkout (the directory
 * holding the `letterboxdpy` package); `LETTERBOXDPY_PYTHON` picks the interpreter (default `python3`, which needs
 * `bs4` and `lxml`). Nothing of letterboxdpy is part of this repository.
 */
export async function letterboxdpyParse(html: string, films: number, roundMs: number, rounds: number): Promise<LetterboxdpyResult> {
  const source = process.env.LETTERBOXDPY_PATH;
  if (!source) return { ran: false, reason: 'LETTERBOXDPY_PATH is not set (see bench/README.md)' };
  const python = process.env.LETTERBOXDPY_PYTHON ?? 'python3';
  const dir = mkdtempSync(join(tmpdir(), 'lbx-bench-'));
  const file = join(dir, 'films-page.html');
  writeFileSync(file, html);
  try {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(python, [SCRIPT, source, file, String(films), String(roundMs), String(rounds)], { timeout: 120_000 }, (error, out, err) => {
        if (error) reject(new Error(`${python} failed: ${(err || error.message).trim().split('\n').pop()}`));
        else resolve(out);
      });
    });
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { pages: number; seconds: number; cpu_seconds: number; version: string };
    return {
      ran: true,
      pages: result.pages,
      pagesPerSecond: result.pages / result.seconds,
      msPerPage: (result.seconds * 1000) / result.pages,
      cpuMsPerPage: (result.cpu_seconds * 1000) / result.pages,
      version: result.version,
      python,
    };
  } catch (error) {
    return { ran: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
