import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DORA_EXPECTED_LISTS, DORA_LISTS_YAML, dora } from '../../shared/test/support/list-members';
import { runCli } from '../src/cli';
import { memoryLogger, testEnv, useFakes } from './helpers';

const fakes = useFakes();

/** Write `yaml` as the definitions file and run the CLI with `LBX_LISTS_FILE` pointing at it. */
async function cli(argv: string[], yaml: string, env: Record<string, string> = {}) {
  fakes.lb.addMember(dora);
  const file = join(fakes.dir, 'lists.yaml');
  await writeFile(file, yaml);
  const { logger, lines } = memoryLogger(Date.now);
  const errors: string[] = [];
  const code = await runCli({ argv, env: testEnv(fakes, { LBX_LISTS_FILE: file, ...env }), logger, writeError: (text) => errors.push(text) });
  return { code, lines, errors, file };
}

/** Every TMDb list of the fake: name → TMDb ids in order. */
const tmdbLists = () => Object.fromEntries([...fakes.tmdb.lists.values()].map((list) => [list.name, list.items.map((item) => item.mediaId)]));

describe('cron with LBX_LISTS_FILE', () => {
  it('syncs every definition (each source kind and filter) besides CRON_TARGET_USERS; a rerun writes nothing', async () => {
    const run = await cli(['--once'], DORA_LISTS_YAML, { CRON_TARGET_USERS: 'otto_o' });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(tmdbLists()).toEqual({ ...DORA_EXPECTED_LISTS, "otto_o's Top Rated Movies": [603, 550] });
    expect(run.lines.find((line) => line.includes('run started'))).toContain(
      'users=otto_o lists=defs_dora,defs_dora/watchlist,dora-liked,dora-good-old,defs_dora/list/night-shift',
    );
        expect(run.lines.some((line) => /INFO +dora-good-old: synced .*list=created films_found=2 matched=2 added=2/.test(line))).toBe(true);
    expect(run.lines.some((line) => line.includes('run finished: 6 list(s): 6 synced, 0 unchanged, 0 refused, 0 failed, 0 skipped'))).toBe(true);
    const mappings = JSON.parse(await readFile(join(fakes.dir, 'mappings.json'), 'utf8')) as Record<string, number>;
    expect(Object.keys(mappings).sort()).toEqual([
      'defs_dora',
      'defs_dora/list/night-shift',
      'defs_dora/watchlist',
      'dora-good-old',
      'dora-liked',
      'otto_o',
    ]);

    const writes = fakes.tmdb.writeCount();
    const rerun = await cli(['--once'], DORA_LISTS_YAML, { CRON_TARGET_USERS: 'otto_o' });
    expect(rerun.code).toBe(0);
    expect(fakes.tmdb.writeCount()).toBe(writes);
    expect(rerun.lines.some((line) => line.includes('run finished: 6 list(s): 0 synced, 6 unchanged'))).toBe(true);
    expect(tmdbLists()).toEqual({ ...DORA_EXPECTED_LISTS, "otto_o's Top Rated Movies": [603, 550] });
  });

  it('a definition whose id is a CRON_TARGET_USERS member replaces that member\'s top-rated sync (synced once, as defined)', async () => {
    const run = await cli(['--once'], 'lists:\n  - source: top-rated\n    member: reel_rita\n    limit: 2\n');
    expect(run.code).toBe(0);
    expect(run.lines.find((line) => line.includes('run started'))).toContain('users=otto_o lists=reel_rita');
    expect(tmdbLists()["reel_rita's Top Rated Movies"]).toEqual([550, 603]);
    expect(run.lines.filter((line) => line.includes('reel_rita: synced'))).toHaveLength(1);
  });

  it('--only takes a definition id, or a member (their top-rated list and their definitions)', async () => {
    const byId = await cli(['--once', '--only', 'dora-liked', '--only', 'defs_dora/list/night-shift'], DORA_LISTS_YAML);
    expect(byId.code).toBe(0);
    expect(tmdbLists()).toEqual({
      "defs_dora's Liked Films (dora-liked)": DORA_EXPECTED_LISTS["defs_dora's Liked Films (dora-liked)"],
      "Dora's night shift": DORA_EXPECTED_LISTS["Dora's night shift"],
    });
    const byMember = await cli(['--once', '--only', 'otto_o', '--only', 'DEFS_DORA'], DORA_LISTS_YAML);
    expect(byMember.code).toBe(0);
    expect(byMember.lines.find((line) => line.includes('run started'))).toContain(
      'users=otto_o lists=defs_dora,defs_dora/watchlist,dora-liked,dora-good-old,defs_dora/list/night-shift',
    );
    expect(Object.keys(tmdbLists())).toHaveLength(6);
    const unknown = await cli(['--once', '--only', 'dora/unknown'], DORA_LISTS_YAML);
    expect(unknown.code).toBe(2);
    expect(unknown.errors.join('\n')).toContain(
      '--only "dora/unknown" is neither a Letterboxd username (1–100 letters, digits, "_" or "-") nor a list definition id of LBX_LISTS_FILE (ids: defs_dora, defs_dora/watchlist, dora-liked',
    );
  });

  it('a refused definition names --only <id> --force, which applies it; a failed one does not stop the others', async () => {
    expect((await cli(['--once', '--only', 'dora-liked'], DORA_LISTS_YAML)).code).toBe(0);
    // Dora un-likes two of her three liked films: removing 2 of 3 items trips the mass-removal valve.
    fakes.lb.addMember({ ...dora, films: dora.films.map((film) => ({ ...film, liked: film.slug === 'fight-club' })) });
    const file = join(fakes.dir, 'lists.yaml');
    await writeFile(file, DORA_LISTS_YAML);
    const refused = memoryLogger(Date.now);
    const env = testEnv(fakes, { LBX_LISTS_FILE: file, CRON_TARGET_USERS: '' });
    expect(await runCli({ argv: ['--once', '--only', 'dora-liked'], env, logger: refused.logger })).toBe(0);
    expect(refused.lines.find((line) => line.includes('dora-liked: refused'))).toContain(
      're-run with `npx -y pnpm@12.4.2 cron --once --only dora-liked --force`',
    );
    const forced = memoryLogger(Date.now);
    expect(await runCli({ argv: ['--once', '--only', 'dora-liked', '--force'], env, logger: forced.logger })).toBe(0);
    expect(tmdbLists()["defs_dora's Liked Films (dora-liked)"]).toEqual([550]);

    const failing = await cli(['--once'], 'lists:\n  - source: list\n    member: defs_dora\n    slug: gone\n  - source: liked\n    member: otto_o\n', { CRON_TARGET_USERS: '' });
    expect(failing.code).toBe(1);
    expect(failing.lines.some((line) => /ERROR defs_dora\/list\/gone: failed .*Letterboxd has no page at https:\/\/letterboxd.test\/defs_dora\/list\/gone\/ \(404\)/.test(line))).toBe(true);
    expect(failing.lines.some((line) => line.includes('otto_o/liked: synced'))).toBe(true);
  });

  it('a dry run of the definitions writes nothing', async () => {
    const run = await cli(['--once', '--dry-run'], DORA_LISTS_YAML, { CRON_TARGET_USERS: '' });
    expect(run.code).toBe(0);
    expect(fakes.tmdb.writeCount()).toBe(0);
    expect(run.lines.some((line) => /dora-good-old: synced .*added=2 .*dry_run=true/.test(line))).toBe(true);
  });

  it('a bad definitions file is refused at start (exit 2) with file:line and the field, before any request', async () => {
    const run = await cli(['--once'], 'lists:\n  - source: watchlist\n    member: defs_dora\n  - source: list\n    member: defs_dora\n    exclude_tv: true\n');
    expect(run.code).toBe(2);
    expect(run.errors.join('\n')).toBe(
      'Invalid list definitions file (LBX_LISTS_FILE); fix it and start again:\n' +
        `  - ${run.file}:6 lists[1].exclude_tv: unknown key: a definition has id, source, member, slug, minRating, maxRating, yearFrom, yearTo, limit, excludeTv, order, direction, listName, description\n` +
        `  - ${run.file}:4 lists[1].slug: required for source "list": the slug from /{member}/list/{slug}/`,
    );
    expect(fakes.lb.requests).toEqual([]);
    const clash = await cli(['--once'], 'lists:\n  - source: liked\n    member: defs_dora\n    listName: "otto_o\'s Top Rated Movies"\n', { CRON_TARGET_USERS: 'otto_o' });
    expect(clash.code).toBe(2);
    expect(clash.errors.join('\n')).toContain(
      `${clash.file}:4 lists[0].listName: targets the TMDb list "otto_o's Top Rated Movies", like CRON_TARGET_USERS member "otto_o"'s top-rated list`,
    );
  });
});
