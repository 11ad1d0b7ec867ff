import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli';
import { memoryLogger } from './helpers';

// No msw here: LBX_SANDBOX serves the fakes over real HTTP on 127.0.0.1, inside this process.
function cli(argv: string[], env: Record<string, string>) {
  const { logger, lines } = memoryLogger(Date.now);
  const errors: string[] = [];
  const code = runCli({ argv, env, logger, writeError: (text) => errors.push(text) });
  return { code, lines, errors };
}

describe('LBX_SANDBOX=1 on the cron runner', () => {
  it('starts the fakes in-process, prints the demo members and syncs them there, whatever the environment says', async () => {
    // Real-looking settings that must not be used: the sandbox's variables win.
    const run = cli(['--once'], {
      LBX_SANDBOX: '1',
      TMDB_API_KEY: 'a-real-key-that-must-not-be-sent',
      TMDB_BASE_URL: 'https://api.themoviedb.org',
      LETTERBOXD_BASE_URL: 'https://letterboxd.com',
      CRON_TARGET_USERS: '',
      LOG_LEVEL: 'info',
    });
    expect(await run.code).toBe(0);
    const text = run.lines.join('\n');
    expect(text).toMatch(/sandbox: fake Letterboxd http:\/\/127\.0\.0\.1:\d+ and fake TMDb http:\/\/127\.0\.0\.1:\d+/);
    expect(text).toContain('sandbox: members cinephile_ana, midnight_mo, quiet_quinn');
    expect(text).toMatch(/cinephile_ana: synced .*list=created/);
    expect(text).toMatch(/midnight_mo: synced .*list=created/);
    const mappingsFile = /mapping file (\S+),/.exec(text)?.[1];
    expect(mappingsFile).toBeDefined();
    const mappings = JSON.parse(await readFile(mappingsFile as string, 'utf8')) as Record<string, number>;
    expect(Object.keys(mappings).sort()).toEqual(['cinephile_ana', 'midnight_mo']);
  }, 30_000);

  it('refuses a value of LBX_SANDBOX it does not understand (exit 2) instead of talking to the real sites', async () => {
    const run = cli(['--once'], { LBX_SANDBOX: 'maybe' });
    expect(await run.code).toBe(2);
    expect(run.errors.join('\n')).toMatch(/LBX_SANDBOX: expected true or false/);
  });
});
