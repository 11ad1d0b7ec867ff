import { escapeHtml } from './html-escape.js';
import { renderShell } from './page-shell.js';
import { pagination } from './pagination.js';
import { lazyPoster } from './poster-card.js';
import { filmIdOf } from './film-identity.js';
import type { FakeMember, FakeMemberList } from './types.js';

/** Entries per page on `/{user}/list/{slug}/`. */
export const LIST_ENTRIES_PER_PAGE = 100;

/** One entry: `li.posteritem` with the owner's rating (when rated) and, on ranked lists, `p.list-number`. */
function entry(list: FakeMemberList, index: number): string {
  const film = list.films[index];
  if (!film) return '';
  const rating = film.rating === null ? '' : ` data-owner-rating="${Math.round(film.rating * 2)}"`;
  const number = list.ranked ? ` <p class="list-number">${index + 1}</p>` : '';
  return `\t\t\t<li class="posteritem${list.ranked ? ' numbered-list-item' : ''}" data-object-id="filmListEntry:${filmIdOf(film) + 7_000_000}" data-object-name="list"${rating}>\n\t\t\t\t${lazyPoster(film, 125)}${number}\n\t\t\t</li>`;
}

/**
 * `/{user}/list/{slug}/…`: `body.list-page[data-owner]`, the list's name and description, then
 * `ul.js-list-entries.poster-list.-p125.-grid > li.posteritem` × 100, and the pagination; `null` past the end.
 */
export function renderMemberListPage(input: { origin: string; member: FakeMember; list: FakeMemberList; page: number }): string | null {
  const { member, list, page } = input;
  const totalPages = Math.max(1, Math.ceil(list.films.length / LIST_ENTRIES_PER_PAGE));
  if (page > totalPages) return null;
  const basePath = `/${member.username}/list/${list.slug}/`;
  const start = (page - 1) * LIST_ENTRIES_PER_PAGE;
  const items = list.films
    .slice(start, start + LIST_ENTRIES_PER_PAGE)
    .map((_, i) => entry(list, start + i))
    .join('\n');
  const description = list.description
    ? `<div class="body-text -prose -small js-collapsible-text">${list.description
        .split(/\n{2,}/)
        .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
        .join('')}</div>`
    : '';
  const grid =
    list.films.length === 0
      ? '<p class="ui-block-heading">There are no films in this list.</p>'
      : `<ul class="js-list-entries poster-list -p125 -grid film-list">\n${items}\n\t\t</ul>`;
  const content = `<div class="cols-2 overflow">
\t<section class="section col-main overflow">
\t\t<header class="list-title-intro"><h1 class="title-1 prettify">${escapeHtml(list.name)}</h1>
\t\t\t<p class="list-owner">A list by <a href="/${member.username}/">${escapeHtml(member.displayName)}</a></p></header>
\t\t${description}
\t\t${grid}
\t\t${pagination({ basePath, page, totalPages, withPageList: true })}
\t</section>
\t<aside class="sidebar"><section class="section"><h2 class="section-heading">More lists by ${escapeHtml(member.displayName)}</h2></section></aside>
</div>`;
  return renderShell({
    url: `${input.origin}${basePath}${page > 1 ? `page/${page}/` : ''}`,
    title: list.name,
    description: `A list of ${list.films.length} film${list.films.length === 1 ? '' : 's'} compiled on Letterboxd.`,
    bodyClass: 'list-page lists-page wide',
    bodyAttributes: `data-owner="${member.username}"`,
    content,
  });
}
