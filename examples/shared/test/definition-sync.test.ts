import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commonEnvShape, createSyncRuntime, parseListsFile, syncDefinitions, toCommonConfig, type MemberOutcome } from '@lbx/example-shared';
import { fakeSitesEnv, useSiteFakes } from './support/fake-sites';
import { dora } from './support/list-members';

const fakes = useSiteFakes({ tempPrefix: 'lbx-definition-sync-' });

function runtimeFor(env: Record<string, string> = {}) {
  fakes.lb.addMember(dora);
  return createSyncRuntime(toCommonConfig(z.object(commonEnvShape).parse({ ...fakeSitesEnv(fakes), ...env })));
}
const lists = parseListsFile(
  'lists:\n  - source: top-rated\n    member: reel_rita\n  - source: liked\n    member: defs_dora\n  - source: watchlist\n    member: defs_dora\n',
  'lists.yaml',
).lists;

describe('syncDefinitions', () => {
  it('reports each definition as it finishes; a top-rated one reads the member\'s source (a stored export here)', async () => {
    const exportDir = join(fakes.dir, 'exports');
    await mkdir(exportDir);
    await writeFile(join(exportDir, 'reel_rita.zip'), 'not a zip');
    const done: MemberOutcome[] = [];
    const started: string[] = [];
    const outcomes = await syncDefinitions(lists, runtimeFor({ LETTERBOXD_EXPORT_DIR: exportDir, LETTERBOXD_SOURCE: 'scrape' }), {
      onMemberStart: (id) => started.push(id),
      onMemberDone: (outcome) => done.push(outcome),
    });
    expect(started).toEqual(['reel_rita', 'defs_dora/liked', 'defs_dora/watchlist']);
    expect(done).toEqual(outcomes);
    expect(outcomes.map((o) => [o.definitionId, o.status, o.source])).toEqual([
      ['reel_rita', 'failed', null],
      ['defs_dora/liked', 'synced', 'letterboxd'],
      ['defs_dora/watchlist', 'synced', 'letterboxd'],
    ]);
    expect(outcomes[0]?.error).toMatch(/^Definition "reel_rita": The stored data export .*reel_rita\.zip could not be read/);
  });

  it('skips the definitions after a stop; without TMDb every definition fails with the reason', async () => {
    const stop = new AbortController();
    const outcomes = await syncDefinitions(lists, runtimeFor(), {
      stopSignal: stop.signal,
      onMemberDone: () => stop.abort(),
    });
    expect(outcomes.map((o) => o.status)).toEqual(['synced', 'skipped', 'skipped']);
    expect(outcomes[1]?.error).toBe('Not synced: the run was stopped before definition "defs_dora/liked"\'s turn. The next run syncs it.');

    const noTmdb = await syncDefinitions(lists.slice(0, 1), runtimeFor({ TMDB_USER_ACCESS_TOKEN: '' }));
    expect(noTmdb).toMatchObject([{ definitionId: 'reel_rita', status: 'failed', error: expect.stringContaining('TMDB_USER_ACCESS_TOKEN') }]);
  });

  it('rejects when the run is aborted (a forced shutdown)', async () => {
    const abort = new AbortController();
    abort.abort(new Error('forced stop'));
    await expect(syncDefinitions(lists.slice(1, 2), runtimeFor(), { signal: abort.signal })).rejects.toThrow('forced stop');
  });
});
