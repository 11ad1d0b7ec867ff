import { createLetterboxdClient } from '../packages/letterboxd/src/index.ts';
import { createFakeLetterboxd, generateMember, FILMS_PER_PAGE } from '../packages/testkit/src/index.ts';
import { int, type Row } from './report-table.ts';

/** Letterboxd requests of `getTopRated` for limits 20 and 100, on a member with 2,000 logged films. */
export async function topRatedRequests(): Promise<Row[]> {
  const member = generateMember({ username: 'bench_bea', films: 2000, likedAndRated: 300, seed: 11 });
  const fake = createFakeLetterboxd({ members: [member] });
  const client = createLetterboxdClient({ baseUrl: fake.baseUrl, fetch: fake.fetch, minDelayMs: 0 });
  const everyPage = Math.ceil(2000 / FILMS_PER_PAGE);
  const rows: Row[] = [];
  for (const limit of [20, 100]) {
    fake.requests.length = 0;
    const films = await client.getTopRated('bench_bea', { limit });
    if (films.length !== limit) throw new Error(`getTopRated(limit ${limit}) returned ${films.length} films`);
    const count = fake.requests.length;
    rows.push({
      benchmark: 'getTopRated requests',
      case: `limit ${limit}, 2,000 logged films`,
      result: `${count} request${count === 1 ? '' : 's'}`,
      details: `original strategy: every logged-film page = ${int(everyPage)} requests`,
    });
  }
  return rows;
}
