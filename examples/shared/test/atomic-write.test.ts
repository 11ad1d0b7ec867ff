import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '@lbx/example-shared';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates missing directories, replaces the file, and leaves no temporary file', async () => {
    const path = join(dir, 'a', 'b', 'state.json');
    await writeFileAtomic(path, '{"v":1}\n');
    await writeFileAtomic(path, '{"v":2}\n');
    expect(await readFile(path, 'utf8')).toBe('{"v":2}\n');
    expect(await readdir(join(dir, 'a', 'b'))).toEqual(['state.json']);
  });

  it('writes bytes with the requested permission bits', async () => {
    const path = join(dir, 'otto_o.zip');
    await writeFileAtomic(path, new Uint8Array([80, 75, 3, 4]), { mode: 0o600 });
    expect([...(await readFile(path))]).toEqual([80, 75, 3, 4]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('on failure keeps what was there and removes its temporary file', async () => {
    // The target is a directory with content: the final rename fails.
    const path = join(dir, 'taken');
    await mkdir(path);
    await writeFile(join(path, 'keep.txt'), 'kept');
    await expect(writeFileAtomic(path, 'new')).rejects.toMatchObject({ code: expect.stringMatching(/^(EISDIR|ENOTEMPTY|EEXIST)$/) });
    expect(await readdir(dir)).toEqual(['taken']);
    expect(await readFile(join(path, 'keep.txt'), 'utf8')).toBe('kept');
  });
});
