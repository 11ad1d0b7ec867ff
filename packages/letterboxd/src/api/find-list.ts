/**
 * A member's list by slug. `ListSummary` carries no slug, so the owner's published lists are read (100 per
 * request) and candidates confirmed with `GET /list/{id}`, whose letterboxd.com link holds the slug: first the
 * lists whose name gives that slug, then the others (a renamed list keeps its first slug).
 */
import { LetterboxdNotFoundError, LetterboxdParseError } from '../errors.js';
import { parseHtml } from '../internal/dom.js';
import { paragraphs } from '../internal/list-page.js';
import type { RequestOptions } from '../types.js';
import { relationshipOf, toApiFilm } from './api-film.js';
import type { ApiHttp } from './api-http.js';
import { listEntriesResponseSchema, listSchema, listsResponseSchema, parseApi } from './api-schemas.js';
import type { ApiListFilm, ApiListInfo, ApiListPage } from './api-types.js';
import { cursorPages } from './cursor-pages.js';

const PER_PAGE = 100;

/** The slug Letterboxd derives from a list name (lower case, accents dropped, other characters → `-`). */
function slugOf(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

async function listInfo(http: ApiHttp, id: string, owner: string, opts: RequestOptions): Promise<ApiListInfo> {
  const { url, body } = await http.getJson({ path: `/list/${encodeURIComponent(id)}`, username: owner, notFound: `no list with id ${id}`, ...opts });
  const list = parseApi(listSchema, body, url, 'api list', owner);
  const site = list.links?.find((link) => link.type.toLowerCase() === 'letterboxd')?.url ?? '';
  return {
    lid: list.id,
    slug: /\/list\/([^/?#]+)/.exec(site)?.[1] ?? '',
    name: list.name,
    // HTML in the API; plain text (paragraphs apart) like the scraping client's.
    description: list.description ? paragraphs(parseHtml(list.description)) : null,
    owner: list.owner.username,
    ranked: list.ranked ?? false,
    url: site,
    total: list.filmCount ?? null,
  };
}

/** Finds the owner's published list with `slug`, or throws `LetterboxdNotFoundError`. */
export async function findList(
  http: ApiHttp,
  memberId: string,
  owner: string,
  slug: string,
  opts: RequestOptions = {},
): Promise<ApiListInfo> {
  if (typeof slug !== 'string' || !/^[a-z0-9-]{1,200}$/i.test(slug)) {
    throw new TypeError(`getList(): "${String(slug)}" is not a list slug (e.g. "best-of-2026" from /owner/list/best-of-2026/).`);
  }
  const summaries: Array<{ id: string; name: string }> = [];
  let firstUrl = '';
  const fetchPage = async (cursor: string | undefined) => {
    const { url, body } = await http.getJson({
      path: '/lists',
      query: { member: memberId, memberRelationship: 'Owner', where: 'Published', perPage: PER_PAGE, cursor },
      username: owner,
      notFound: `no member with id ${memberId} ("${owner}"), or the member opted out of the API`,
      ...opts,
    });
    firstUrl ||= url;
    const page = parseApi(listsResponseSchema, body, url, 'api lists', owner);
    return { url, items: page.items, next: page.next ?? null };
  };
  for await (const page of cursorPages(fetchPage, opts.signal)) summaries.push(...page.items);
  const wanted = slug.toLowerCase();
  const named = summaries.filter((list) => slugOf(list.name) === wanted);
  for (const candidate of [...named, ...summaries.filter((list) => !named.includes(list))]) {
    const info = await listInfo(http, candidate.id, owner, opts);
    if (info.slug.toLowerCase() === wanted) return info;
  }
  throw new LetterboxdNotFoundError({
    url: firstUrl,
    username: owner,
    slug,
    message:
      `Member "${owner}" has no published list "${slug}" in the Letterboxd API (${summaries.length} published ` +
      'lists read). Check the slug in the list URL; private and unpublished lists are not readable.',
  });
}

/** The entries of a list page by page, in list order, with their rank; the owner's rating/like when given. */
export async function* listPages(
  http: ApiHttp,
  list: ApiListInfo,
  ownerId: string,
  opts: RequestOptions = {},
): AsyncGenerator<ApiListPage, void, undefined> {
  const fetchPage = async (cursor: string | undefined) => {
    const { url, body } = await http.getJson({
      path: `/list/${encodeURIComponent(list.lid)}/entries`,
      query: { perPage: PER_PAGE, cursor },
      username: list.owner,
      slug: list.slug,
      notFound: `no list with id ${list.lid}`,
      ...opts,
    });
    const page = parseApi(listEntriesResponseSchema, body, url, 'api list entries', list.owner);
    const items = page.items.map((entry): ApiListFilm => {
      const film = entry.film ?? entry.production;
      if (!film) throw new LetterboxdParseError({ url, username: list.owner, page: 'api list entries', detail: 'an entry has no film' });
      return { ...toApiFilm(film, relationshipOf(film, ownerId)), rank: entry.rank ?? null };
    });
    return { url, items, next: page.next ?? null };
  };
  for await (const page of cursorPages(fetchPage, opts.signal)) {
    yield { page: page.page, url: page.url, films: page.items, hasNext: page.hasNext, list };
  }
}
