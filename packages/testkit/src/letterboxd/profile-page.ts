import { byRatingDesc } from './film-order.js';
import { displayName } from './film-identity.js';
import { escapeHtml } from './html-escape.js';
import { renderShell } from './page-shell.js';
import { lazyPoster } from './poster-card.js';
import type { FakeMember } from './types.js';

const DEFAULT_AVATAR = 'https://s.ltrbxd.com/static/img/avatar220-fake.png';

/** The year the fake's "this year" statistic links to. */
export const STATS_YEAR = 2026;

function statistic(href: string, value: number, definition: string): string {
  return `\t\t\t\t<h4 class="profile-statistic statistic"><a href="${href}"><span class="value">${value.toLocaleString('en-US')}</span><span class="definition">${definition}</span></a></h4>`;
}

/** `/{user}/`: header (avatar, name, bio), stats mapped by link, favourites, watchlist teaser, navigation. */
export function renderProfilePage(origin: string, member: FakeMember): string {
  const user = member.username;
  const watched = member.films.filter((film) => film.watched !== false);
  const watchlistCount = member.films.filter((film) => film.watchlisted).length;
  const favourites = watched
    .filter((film) => film.liked && film.rating !== null)
    .sort(byRatingDesc)
    .slice(0, 4);
  const name = escapeHtml(member.displayName);
  const avatar = escapeHtml(member.avatar ?? DEFAULT_AVATAR);
  const hasBio = member.bio !== null && member.bio !== '';
  const summaryOptions = escapeHtml(JSON.stringify({ hasMeta: false, hasBio, isHQ: false }));
  const bio = hasBio
    ? `\t\t<div class="bio js-bio"> <div class="collapsible-text body-text -small js-bio-content"> ${(member.bio ?? '')
        .split(/\n{2,}/)
        .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
        .join(' ')} </div> </div>`
    : '';
  const favouriteItems = favourites
    .map(
      (film, index) =>
        `\t\t\t\t\t\t\t<li class="posteritem favourite-production-poster-container" data-owner="${user}" data-object-id="favouriteFilm:${7300 + index}" data-object-name="favorite film">\n\t\t\t\t\t\t\t\t${lazyPoster(film, 150)}\n\t\t\t\t\t\t\t</li>`,
    )
    .join('\n');
  const watchlistAside =
    member.privateWatchlist || watchlistCount === 0
      ? ''
      : `\t\t\t\t<section class="section list-set watchlist-aside">\n\t\t\t\t\t<h2 class="section-heading"><a href="/${user}/watchlist/">Watchlist</a></h2>\n\t\t\t\t\t<a href="/${user}/watchlist/" class="all-link">${watchlistCount}</a>\n\t\t\t\t</section>`;
  const tabs: Array<[string, string]> = [
    ['profile', `/${user}/`],
    ['films', `/${user}/films/`],
    ['diary', `/${user}/diary/`],
    ['reviews', `/${user}/reviews/`],
    ['watchlist', `/${user}/watchlist/`],
    ['lists', `/${user}/lists/`],
    ['likes', `/${user}/likes/films/`],
  ];
  const nav = tabs
    .map(
      ([tab, href]) =>
        `\t\t\t\t<li data-owner="${user}" class="navitem js-page-${tab}${tab === 'profile' ? ' -active' : ''}"><a class="navlink" href="${href}">${tab[0]?.toUpperCase()}${tab.slice(1)}</a></li>`,
    )
    .join('\n');
  const content = `<section class="profile-header js-profile-header -is-not-mini-nav" data-person="${user}">
\t<div class="profile-summary js-profile-summary" data-profile-summary-options="${summaryOptions}">
\t<div class="profile-avatar">
\t\t<span class="avatar -a110 -large"> <img src="${avatar}" alt="${name}" width="110" height="110"> <a id="avatar-zoom" href="#avatar-large" class="cboxElement"></a> </span>
\t</div>
\t<div class="profile-name-and-actions js-profile-name-and-actions">
\t\t<h1 class="person-display-name">
\t\t\t<span class="displayname tooltip" data-original-title="${user}">${name}</span>
\t\t</h1>
\t</div>
\t<div class="profile-info ${hasBio ? '-has-bio' : '-has-no-bio'} -has-no-meta -is-not-hq js-profile-info">
${bio}
\t<div class="profile-stats js-profile-stats">
${statistic(`/${user}/films/`, watched.length, 'Films')}
${statistic(`/${user}/diary/for/${STATS_YEAR}/`, member.stats.filmsThisYear, `In ${STATS_YEAR}`)}
${statistic(`/${user}/lists/`, member.stats.lists, 'Lists')}
${statistic(`/${user}/following/`, member.stats.following, 'Following')}
${statistic(`/${user}/followers/`, member.stats.followers, 'Followers')}
\t</div>
\t</div>
\t</div>
\t<nav class="profile-navigation">
\t\t<ul class="navlist">
${nav}
\t\t</ul>
\t</nav>
</section>
<div class="cols-2 overflow">
\t<section class="section col-main overflow">
\t\t\t\t<section id="favourites" class="section">
\t\t\t\t\t<h2 class="section-heading">Favorite films</h2>
\t\t\t\t\t<ul class="poster-list -p150 -horizontal">
${favouriteItems}
\t\t\t\t\t</ul>
\t\t\t\t</section>
\t</section>
\t<aside class="sidebar">
${watchlistAside}
\t</aside>
</div>`;
  const favouriteNames = favourites.map((film) => displayName(film)).join(', ');
  const description = `${member.displayName} uses Letterboxd to share film reviews and lists. ${watched.length} films watched.${
    favourites.length > 0 ? ` Favorites: ${favouriteNames}.` : ''
  }${hasBio ? ` Bio: ${(member.bio ?? '').replace(/\s+/g, ' ')}` : ''}`;
  return renderShell({
    url: `${origin}/${user}/`,
    title: `${member.displayName}’s profile`,
    description,
    ogType: 'profile',
    ogImage: member.avatar ?? DEFAULT_AVATAR,
    bodyClass: 'profile logged-out',
    bodyAttributes: `data-owner="${user}"`,
    content,
  });
}
