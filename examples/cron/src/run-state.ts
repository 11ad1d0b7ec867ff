import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '@lbx/example-shared';

/** What the runner remembers between processes (next to the mapping file). */
export interface RunState {
  /** The schedule occurrence (or, for a manual run, the start time) of the last finished run. */
  lastRunAt: Date | null;
}

/** Default state and heartbeat files: in the mapping store's directory. */
export function defaultRunFiles(mappingsFile: string): { stateFile: string; heartbeatFile: string } {
  const dir = dirname(mappingsFile);
  return { stateFile: join(dir, '.lbx-cron-state.json'), heartbeatFile: join(dir, '.lbx-cron-heartbeat') };
}

/**
 * Read the state file. A missing file is a first start; an unreadable or corrupt one is reported through
 * `onProblem` and treated as a first start (the worst case is one missed make-up run, never a lost list).
 */
export async function readRunState(path: string, onProblem: (message: string) => void): Promise<RunState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      onProblem(`cannot read ${path}: ${(error as Error).message}`);
    }
    return { lastRunAt: null };
  }
  try {
    const parsed = JSON.parse(text) as { lastRunAt?: unknown };
    const date = typeof parsed.lastRunAt === 'string' ? new Date(parsed.lastRunAt) : null;
    if (date === null || Number.isNaN(date.getTime())) throw new Error('no valid "lastRunAt"');
    return { lastRunAt: date };
  } catch (error) {
    onProblem(`ignoring ${path}: ${(error as Error).message}`);
    return { lastRunAt: null };
  }
}

/** Write the state file atomically (temp file, fsync, rename). */
export async function writeRunState(path: string, state: RunState & { finishedAt: Date }): Promise<void> {
  const body = `${JSON.stringify(
    { lastRunAt: state.lastRunAt?.toISOString() ?? null, finishedAt: state.finishedAt.toISOString() },
    null,
    2,
  )}\n`;
  await writeFileAtomic(path, body);
}

/** Record that the runner is alive (the container HEALTHCHECK reads the file's time). */
export async function writeHeartbeat(path: string, now: Date): Promise<void> {
  await writeFileAtomic(path, `${now.toISOString()}\n`);
}
