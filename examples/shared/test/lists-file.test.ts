import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConfigError,
  ListsFileError,
  commonEnvShape,
  loadListsFile,
  parseEnv,
  parseListsFile,
  toCommonConfig,
} from '@lbx/example-shared';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-lists-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The error `parse` throws for `yaml`, as `file:line field: message` lines. */
function problemsOf(yaml: string, options?: Parameters<typeof parseListsFile>[2]): string[] {
  try {
    parseListsFile(yaml, 'lists.yaml', options);
  } catch (error) {
    expect(error).toBeInstanceOf(ListsFileError);
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ListsFileError).fileProblems.map((p) => `${p.file}:${p.line ?? '-'} ${p.field ?? '-'}: ${p.message}`);
  }
  throw new Error('expected the file to be refused');
}

describe('LBX_LISTS_FILE: a valid file', () => {
  it('gives every definition its id and TMDb list name as syncList derives them, members lower-cased', () => {
    const { lists } = parseListsFile(
      [
        'lists:',
        '  - source: watchlist',
        '    member: Cinephile_Ana',
        '    yearFrom: 2000',
        '    excludeTv: true',
        '  - source: list',
        '    member: midnight_mo',
        '    slug: midnight-movies',
        '  - id: ana-best',
        '    source: rated',
        '    member: cinephile_ana',
        '    minRating: 4.5',
        '    maxRating: 5',
        '    yearTo: 1999',
        '    limit: 50',
        '    order: year',
        '    direction: asc',
        '  - source: liked',
        '    member: midnight_mo',
        '    listName: "Mo likes"',
        '    description: "What Mo liked"',
        '  - source: top-rated',
        '    member: midnight_mo',
        '',
      ].join('\n'),
      'lists.yaml',
    );
    expect(lists).toEqual([
      { id: 'cinephile_ana/watchlist', listName: "cinephile_ana's Watchlist", line: 2, source: 'watchlist', member: 'cinephile_ana', yearFrom: 2000, excludeTv: true },
      { id: 'midnight_mo/list/midnight-movies', listName: "midnight_mo's list midnight-movies", line: 6, source: 'list', member: 'midnight_mo', slug: 'midnight-movies' },
      {
        id: 'ana-best',
        listName: "cinephile_ana's Rated Films (ana-best)",
        line: 9,
        source: 'rated',
        member: 'cinephile_ana',
        minRating: 4.5,
        maxRating: 5,
        yearTo: 1999,
        limit: 50,
        order: 'year',
        direction: 'asc',
      },
      { id: 'midnight_mo/liked', listName: 'Mo likes', description: 'What Mo liked', line: 18, source: 'liked', member: 'midnight_mo' },
      { id: 'midnight_mo', listName: "midnight_mo's Top Rated Movies", line: 22, source: 'top-rated', member: 'midnight_mo' },
    ]);
  });

  it('the committed example file (examples/lists.example.yaml) is valid, through LBX_LISTS_FILE', () => {
    const file = fileURLToPath(new URL('../../lists.example.yaml', import.meta.url));
    const config = toCommonConfig(parseEnv(z.object(commonEnvShape), { LBX_LISTS_FILE: file }));
    expect(config.lists?.file).toBe(file);
    expect(config.lists?.lists.map((list) => list.id)).toEqual([
      'cinephile_ana/watchlist',
      'midnight_mo/list/midnight-movies',
      'ana-classics',
      'midnight_mo/liked',
      'midnight_mo',
    ]);
  });

  it('a top-rated definition whose id is a CRON_TARGET_USERS member is that member\'s very list (no conflict)', () => {
    const { lists } = parseListsFile('lists:\n  - source: top-rated\n    member: mo\n    limit: 5\n', 'l.yaml', { topRatedMembers: ['mo', 'ana'] });
    expect(lists.map((list) => list.id)).toEqual(['mo']);
  });
});

describe('LBX_LISTS_FILE: a bad file is refused, naming file:line and the field', () => {
  it('YAML syntax', () => {
    expect(problemsOf('lists:\n  - source: watchlist\n    member: ana: bob\n  - source: liked\n')).toEqual([
      expect.stringMatching(/^lists\.yaml:3 -: not valid YAML: /),
    ]);
    expect(problemsOf('lists:\n  - source: liked\n    source: rated\n    member: ana\n')).toEqual([
      expect.stringMatching(/^lists\.yaml:3 -: not valid YAML: Map keys must be unique/),
    ]);
  });

  it('an unknown key, in a definition or at the top', () => {
    expect(problemsOf('lists:\n  - source: watchlist\n    member: ana\n    min_rating: 4\nextra: 1\n')).toEqual([
      'lists.yaml:4 lists[0].min_rating: unknown key: a definition has id, source, member, slug, minRating, maxRating, yearFrom, yearTo, limit, excludeTv, order, direction, listName, description',
      'lists.yaml:5 extra: unknown key: the file has only "lists:"',
    ]);
  });

  it('wrong types and values', () => {
    expect(
      problemsOf(
        [
          'lists:',
          '  - source: rated',
          '    member: ana',
          '    minRating: "4"',
          '    maxRating: 4.2',
          '    yearFrom: 1999.5',
          '    limit: 0',
          '    excludeTv: yes',
          '    order: newest',
          '  - source: watchlist',
          '    member: not a name',
          '    yearFrom: 2010',
          '    yearTo: 2000',
        ].join('\n'),
      ),
    ).toEqual([
      'lists.yaml:4 lists[0].minRating: expected a number of stars from 0.5 to 5',
      'lists.yaml:5 lists[0].maxRating: expected a rating from 0.5 to 5 in half stars',
      'lists.yaml:6 lists[0].yearFrom: expected a year (a whole number)',
      'lists.yaml:7 lists[0].limit: expected at least 1',
      'lists.yaml:8 lists[0].excludeTv: expected true or false',
      'lists.yaml:9 lists[0].order: expected one of source, rating, year, title',
      'lists.yaml:11 lists[1].member: expected a Letterboxd username (1–100 letters, digits, "_" or "-")',
      'lists.yaml:13 lists[1].yearTo: must be at least yearFrom (2010)',
    ]);
    expect(problemsOf('lists:\n  - source: rated\n    member: ana\n    minRating: 4\n    maxRating: 3\n    yearFrom: 2010\n    yearTo: 2000\n')).toEqual([
      'lists.yaml:5 lists[0].maxRating: must be at least minRating (4)',
      'lists.yaml:7 lists[0].yearTo: must be at least yearFrom (2010)',
    ]);
  });

  it('an unknown source kind, a missing source or member', () => {
    expect(problemsOf('lists:\n  - source: diary\n    member: ana\n  - member: ana\n  - source: liked\n')).toEqual([
      'lists.yaml:2 lists[0].source: unknown source kind "diary": expected one of top-rated, watchlist, liked, rated, list',
      'lists.yaml:4 lists[1].source: required: one of top-rated, watchlist, liked, rated, list',
      'lists.yaml:5 lists[2].member: required: the Letterboxd username (for a list: its owner)',
    ]);
  });

  it('a list without its slug, a slug on another kind', () => {
    expect(problemsOf('lists:\n  - source: list\n    member: ana\n  - source: liked\n    member: ana\n    slug: best\n')).toEqual([
      'lists.yaml:2 lists[0].slug: required for source "list": the slug from /{member}/list/{slug}/',
      'lists.yaml:6 lists[1].slug: only "list" definitions have a slug (this one is "liked")',
    ]);
  });

  it('two definitions with one id', () => {
    expect(problemsOf('lists:\n  - source: liked\n    member: ana\n  - id: ana/liked\n    source: rated\n    member: ana\n    listName: other\n')).toEqual([
      'lists.yaml:4 lists[1].id: duplicate definition id "ana/liked" (also on line 2): give one of them its own "id"',
    ]);
    expect(problemsOf('lists:\n  - source: liked\n    member: ana\n  - source: liked\n    member: ANA\n')).toEqual([
      'lists.yaml:4 lists[1].source: duplicate definition id "ana/liked" (also on line 2): give one of them its own "id"',
      'lists.yaml:4 lists[1].source: targets the TMDb list "ana\'s Liked Films", like the definition on line 2: two definitions would fight over one list; give this one its own "listName"',
    ]);
  });

  it('two definitions targeting one TMDb list name (compared case-insensitively), or a CRON_TARGET_USERS member\'s list', () => {
    expect(problemsOf('lists:\n  - source: liked\n    member: ana\n    listName: Faves\n  - source: rated\n    member: mo\n    listName: " faves"\n')).toEqual([
      'lists.yaml:7 lists[1].listName: targets the TMDb list "faves", like the definition on line 2: two definitions would fight over one list; give this one its own "listName"',
    ]);
    expect(problemsOf('lists:\n  - source: liked\n    member: mo\n    listName: "ana\'s Top Rated Movies"\n', { topRatedMembers: ['ana'] })).toEqual([
      'lists.yaml:4 lists[0].listName: targets the TMDb list "ana\'s Top Rated Movies", like CRON_TARGET_USERS member "ana"\'s top-rated list: two definitions would fight over one list; give this one its own "listName"',
    ]);
  });

  it('an empty file, or one without definitions', () => {
    expect(problemsOf('')).toEqual(['lists.yaml:1 -: expected a mapping with a "lists:" sequence of definitions']);
    expect(problemsOf('lists: []\n')).toEqual(['lists.yaml:1 lists: list at least one definition']);
    expect(problemsOf('lists:\n  source: liked\n')).toEqual(['lists.yaml:1 lists: required: a sequence of list definitions (- source: …)']);
  });

  it('a missing file; the message names the file, the line and the field', async () => {
    const missing = join(dir, 'nope.yaml');
    expect(() => loadListsFile(missing)).toThrow(`${missing}: no such file`);
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'lists:\n  - source: list\n    member: ana\n');
    expect(() => loadListsFile(bad)).toThrow(
      `Invalid list definitions file (LBX_LISTS_FILE); fix it and start again:\n  - ${bad}:2 lists[0].slug: required for source "list"`,
    );
    expect(() => loadListsFile(dir)).toThrow(/cannot be read \(EISDIR\)/);
  });
});
