import { escapeHtml } from './html-escape.js';
import { renderShell } from './page-shell.js';
import { pagination } from './pagination.js';
import { lazyPoster, viewingData } from './poster-card.js';
import { sortMenus } from './sort-menus.js';
import type { FakeFilm, FakeMember } from './types.js';

/** Films per page on `/films/` and `/likes/films/`. */
export const FILMS_PER_PAGE = 72;
/** Films per page on `/watchlist/`. */
export const WATCHLIST_PER_PAGE = 28;

/** What every listing page needs. `films` is the whole listing in page order. */
export interface ListingInput {
  origin: string;
  member: FakeMember;
  films: readonly FakeFilm[];
  /** Page-1 path of the listing, ending in `/` (e.g. `/ana/films/by/entry-rating/`). */
  basePath: string;
  page: number;
}

function pageSlice(input: ListingInput, perPage: number): { items: readonly FakeFilm[]; totalPages: number } | null {
  const totalPages = Math.max(1, Math.ceil(input.films.length / perPage));
  if (input.page > totalPages) return null;
  const start = (input.page - 1) * perPage;
  return { items: input.films.slice(start, start + perPage), totalPages };
}

function memberHeader(member: FakeMember, active: string): string {
  const user = member.username;
  const tabs = ['films', 'diary', 'reviews', 'watchlist', 'lists', 'likes'];
  const items = tabs
    .map((tab) => {
      const href = tab === 'likes' ? `/${user}/likes/films/` : `/${user}/${tab}/`;
      return `<li data-owner="${user}" class="navitem js-page-${tab}${tab === active ? ' -active' : ''}"><a class="navlink" href="${href}">${tab[0]?.toUpperCase()}${tab.slice(1)}</a></li>`;
    })
    .join(' ');
  return `<section class="profile-header js-profile-header -is-mini-nav" data-person="${user}"> <div class="profile-mini-person"> <h1 class="title-3"><a href="/${user}/">${escapeHtml(member.displayName)}</a></h1> </div> <nav class="profile-navigation"> <ul class="navlist"> ${items} </ul> </nav> </section>`;
}

function title(member: FakeMember, what: string): string {
  return `${member.displayName}’s ${what}`;
}

/** `/{user}/films/…`: `li.griditem` × 72 with poster viewing data (rating, like), page list in the pagination. */
export function renderFilmsPage(input: ListingInput): string | null {
  const slice = pageSlice(input, FILMS_PER_PAGE);
  if (!slice) return null;
  const { member } = input;
  const items = slice.items
    .map((film) => `\t\t\t\t\t\t\t<li class="griditem">\n\t\t\t\t\t\t\t\t${lazyPoster(film, 70)} ${viewingData(film)}\n\t\t\t\t\t\t\t</li>`)
    .join('\n\t\t\t\t\t\t\n');
  const content = `${memberHeader(member, 'films')}
<div class="cols-2 overflow">
\t<section class="section col-main overflow">
<div id="content-nav" class="tabbed"> <h1 class="section-heading"><span class="tooltip" title="${input.films.length}&nbsp;films">Watched</span></h1> ${sortMenus(member.username)} </div>
\t\t\t\t<div class="poster-grid">
\t\t\t\t\t<ul class="grid -p70">
${items}
\t\t\t\t\t</ul>
\t\t\t\t</div>
\t\t\t\t${pagination({ basePath: input.basePath, page: input.page, totalPages: slice.totalPages, withPageList: true })}
\t\t<div class="clear"></div>
\t</section>
</div>`;
  return renderShell({
    url: `${input.origin}${input.basePath}${input.page > 1 ? `page/${input.page}/` : ''}`,
    title: title(member, 'films'),
    description: title(member, 'films'),
    bodyClass: 'screen-member-child-page films-watched wide small-poster-grid',
    bodyAttributes: `data-owner="${member.username}"`,
    content,
  });
}

/** `/{user}/likes/films/…`: `ul.poster-list > li.posteritem` × 72, every item liked, no page list. */
export function renderLikesPage(input: ListingInput): string | null {
  const slice = pageSlice(input, FILMS_PER_PAGE);
  if (!slice) return null;
  const { member } = input;
  const items = slice.items
    .map((film) => `\t\t\t\t\t\t<li class="posteritem">\n\t\t\t\t\t\t\t${lazyPoster(film, 70)} ${viewingData(film)}\n\t\t\t\t\t\t</li>`)
    .join('\n');
  const content = `${memberHeader(member, 'likes')}
<div class="cols-2 overflow">
\t<section class="section col-main overflow">
<div id="content-nav" class="tabbed"> <h1 class="section-heading">Liked films</h1> <div class="sorting-selects"> <section class="smenu-wrapper"> <div class="smenu"> <label>Sort by<i class="ir s icon"></i></label> <ul class="smenu-menu"> <li><a class="item" href="/${member.username}/likes/films/">When Liked</a></li> <li><a class="item" href="/${member.username}/likes/films/by/member-rating/">${escapeHtml(member.displayName)}’s Rating</a></li> </ul> </div> </section> </div> </div>
\t\t\t\t<ul class="poster-list -p70 -grid">
${items}
\t\t\t\t</ul>
\t\t\t\t${pagination({ basePath: input.basePath, page: input.page, totalPages: slice.totalPages, withPageList: false })}
\t</section>
</div>`;
  return renderShell({
    url: `${input.origin}${input.basePath}${input.page > 1 ? `page/${input.page}/` : ''}`,
    title: title(member, 'liked films'),
    description: title(member, 'liked films'),
    bodyClass: 'screen-member-child-page likes small-poster-grid',
    bodyAttributes: `data-owner="${member.username}"`,
    content,
  });
}

/** `/{user}/watchlist/…`: `div.js-watchlist-content[data-num-entries]`, `li.griditem` × 28, posters only. */
export function renderWatchlistPage(input: ListingInput): string | null {
  const slice = pageSlice(input, WATCHLIST_PER_PAGE);
  if (!slice) return null;
  const { member } = input;
  const count = input.films.length;
  const items = slice.items
    .map((film) => `<li class="griditem">\n\t${lazyPoster(film, 125)}\n</li>`)
    .join('\n\n\t\t\t\t\t\t\t\t\t\n');
  const empty = count === 0 ? `<p class="ui-block-heading">${escapeHtml(member.displayName)}’s watchlist is empty.</p>` : '';
  const content = `${memberHeader(member, 'watchlist')}
<section class="section col-24 col-main overflow js-watchlist-main-content">
\t<div class="js-watchlist-content" data-num-entries="${count}" data-owner="${member.username}">
\t\t<h2 class="ui-block-heading">${escapeHtml(member.displayName)} wants to see <span class="js-watchlist-count">${count}&nbsp;film${count === 1 ? '' : 's'}</span></h2>
\t\t${empty}
\t\t<div class="poster-grid">
\t\t\t<ul class="grid -p125 -scaled128">
${items}
\t\t\t</ul>
\t\t</div>
\t\t${pagination({ basePath: input.basePath, page: input.page, totalPages: slice.totalPages, withPageList: true })}
\t</div>
</section>`;
  return renderShell({
    url: `${input.origin}${input.basePath}${input.page > 1 ? `page/${input.page}/` : ''}`,
    title: title(member, 'watchlist'),
    description: title(member, 'watchlist'),
    bodyClass: 'screen-member-child-page watchlist',
    bodyAttributes: `data-owner="${member.username}"`,
    content,
  });
}
