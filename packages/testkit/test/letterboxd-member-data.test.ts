import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The real readers check the fake's data. Imported by path: a testkit → @lbx/letterboxd dependency would be a
// cycle (@lbx/letterboxd's tests use testkit).
import { createLetterboxdClient, readExport } from '../../letterboxd/src/index.js';
import { createFakeLetterboxd, demoMembers, renderMemberExport, type FakeMember } from '@lbx/testkit';

const fake = createFakeLetterboxd();
const server = setupServer(...fake.handlers);
const client = createLetterboxdClient({ minDelayMs: 0, retry: { limit: 0 } });
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => fake.reset());
afterAll(() => server.close());

const ana = () => fake.members.get('cinephile_ana') as FakeMember;

describe('member data export', () => {
  it('is a ZIP readExport reads: rated ∩ liked films with boxd.it keys, dated back from the export day', async () => {
    const data = await readExport(renderMemberExport(ana(), { exportedOn: '2026-11-21' }));
    expect(data.profile?.username).toBe('cinephile_ana');
    const top = data.ratings.filter((film) => film.liked).map((film) => [film.title, film.rating]);
    const expected = (demoMembers.find((m) => m.username === 'cinephile_ana') as FakeMember).films
      .filter((film) => film.rating !== null && film.liked && film.watched !== false)
      .map((film) => [film.title, film.rating]);
    expect(top).toEqual(expected);
    expect(data.ratings[0]).toMatchObject({ date: '2026-11-21', slug: expect.stringMatching(/^boxd:[0-9A-Za-z]+$/) });
    expect(data.watchlist.map((film) => film.title)).toEqual(['Game of Thrones', 'Untitled Lighthouse Project']);
  });
});

describe('member feed entries with loggedAt', () => {
  it('keep their guid and time when newer entries come on top; others count back from the fake’s now', async () => {
    const films = ana().films;
    const [first] = films;
    if (!first) throw new Error('no film');
    films[0] = { ...first, loggedAt: '2026-11-22T08:00:00Z' };
    const before = (await client.getRssFeed('cinephile_ana')).entries[0];
    films.unshift({ ...(films[3] as FakeMember['films'][number]), slug: 'a-new-one', title: 'A New One', loggedAt: '2026-11-23T08:00:00Z' });
    const after = await client.getRssFeed('cinephile_ana');
    expect(after.entries[0]).toMatchObject({ slug: 'a-new-one', pubDate: '2026-11-23T08:00:00.000Z', watchedDate: '2026-11-22' });
    expect(after.entries[1]).toEqual(before);
    expect(after.entries[2]?.pubDate).toBe('2026-11-18T20:00:00.000Z'); // third in the feed: two days before the fake's now
  });
});
