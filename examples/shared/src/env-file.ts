import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write';

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/;

/**
 * Set `values` in the dotenv file at `path` without touching anything else: a line assigning one of the names
 * (`NAME=…` or `export NAME=…`) is replaced in place, names without a line are appended, every other line
 * (comments, blank lines, other variables) stays byte for byte. The file is created when missing (mode 0600: it
 * holds secrets) and replaced atomically, keeping an existing file's mode. Values must be single-line.
 */
export async function setEnvFileValues(path: string, values: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    if (/[\r\n]/.test(value)) throw new TypeError(`${name}: a .env value must fit on one line`);
  }
  let text = '';
  let mode = 0o600;
  try {
    text = await readFile(path, 'utf8');
    mode = (await stat(path)).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(/\r?\n/);
  if (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const pending = new Map(Object.entries(values));
  const updated = lines.map((line) => {
    const name = LINE.exec(line)?.[1];
    if (name === undefined || !pending.has(name)) return line;
    const value = pending.get(name) as string;
    pending.delete(name);
    return `${name}=${value}`;
  });
  for (const [name, value] of pending) updated.push(`${name}=${value}`);
  await writeFileAtomic(path, `${updated.join(eol)}${eol}`, { mode });
}
