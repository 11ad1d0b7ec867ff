import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportFilePath, loadExport, saveExport } from '@lbx/example-shared';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-exports-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('export store', () => {
  it('stores one file per member, case-insensitively, and leaves no temporary file', async () => {
    const target = join(dir, 'nested');
    const path = await saveExport(target, 'Ana_B', new Uint8Array([1, 2, 3]));
    expect(path).toBe(join(target, 'ana_b.zip'));
    await saveExport(target, 'ana_b', new Uint8Array([4, 5]));
    expect(await readdir(target)).toEqual(['ana_b.zip']);
    expect([...(await readFile(path))]).toEqual([4, 5]);
    expect([...((await loadExport(target, 'ANA_B')) ?? [])]).toEqual([4, 5]);
  });

  it('returns null for a member without an export, or when exports are off', async () => {
    expect(await loadExport(dir, 'nobody')).toBeNull();
    expect(await loadExport(null, 'nobody')).toBeNull();
  });

  it('refuses a username that could escape the directory', () => {
    expect(() => exportFilePath(dir, '../etc')).toThrow(/Not a valid Letterboxd username/);
  });
});
