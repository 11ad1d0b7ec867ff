import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDotEnv } from '@lbx/example-shared';

const names = ['LBX_TEST_FROM_FILE', 'LBX_TEST_ALREADY_SET'];
afterEach(() => {
  for (const name of names) delete process.env[name];
});

describe('loadDotEnv', () => {
  it('loads a .env file without overriding variables already set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lbx-dotenv-'));
    try {
      const file = join(dir, '.env');
      await writeFile(file, '# comment\nLBX_TEST_FROM_FILE="from file"\nLBX_TEST_ALREADY_SET=file\n');
      process.env.LBX_TEST_ALREADY_SET = 'environment';
      expect(loadDotEnv(file)).toBe(true);
      expect(process.env.LBX_TEST_FROM_FILE).toBe('from file');
      expect(process.env.LBX_TEST_ALREADY_SET).toBe('environment');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does nothing when the file does not exist', () => {
    expect(loadDotEnv('/nonexistent/lbx/.env')).toBe(false);
  });
});
