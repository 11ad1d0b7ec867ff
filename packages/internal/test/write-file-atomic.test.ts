import { mkdtemp, mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '@lbx/internal';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-internal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file, creating missing directories, and leaves no temporary file', async () => {
    const path = join(dir, 'nested', 'state.json');
    await writeFileAtomic(path, '{"v":1}\n');
    await writeFileAtomic(path, '{"v":2}\n');
    expect(await readFile(path, 'utf8')).toBe('{"v":2}\n');
    expect(await readdir(join(dir, 'nested'))).toEqual(['state.json']);
  });

  it('writes bytes with the requested mode', async () => {
    const path = join(dir, 'export.zip');
    await writeFileAtomic(path, new Uint8Array([80, 75, 3, 4]), { mode: 0o600 });
    expect([...(await readFile(path))]).toEqual([80, 75, 3, 4]);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps the old content and removes the temporary file when the rename fails', async () => {
    const path = join(dir, 'taken');
    await mkdir(join(path, 'child'), { recursive: true });
    await expect(writeFileAtomic(path, 'new')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST|EPERM)$/) });
    expect(await readdir(dir)).toEqual(['taken']);
  });
});
