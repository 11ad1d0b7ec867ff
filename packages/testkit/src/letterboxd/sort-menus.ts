const GENRES = [
  'action', 'adventure', 'animation', 'comedy', 'crime', 'documentary', 'drama', 'family', 'fantasy', 'history',
  'horror', 'music', 'mystery', 'romance', 'science-fiction', 'thriller', 'tv-movie', 'war', 'western',
];

const SERVICES = [
  'netflix', 'disney-plus', 'amazon-prime-video', 'apple-tv-plus', 'mubi', 'criterion-channel', 'kanopy', 'hoopla',
  'tubi-tv', 'pluto-tv', 'max', 'paramount-plus', 'peacock', 'shudder', 'curiosity-stream', 'britbox', 'acorn-tv',
  'sundance-now', 'fandor', 'crunchyroll', 'hulu', 'starz', 'mgm-plus', 'amc-plus', 'plex', 'youtube-premium',
  'google-play-movies', 'apple-itunes', 'vudu', 'microsoft-store', 'rakuten-tv', 'neon-nz', 'tvnz-plus', 'three-now',
];

const SORTS: ReadonlyArray<[string, string]> = [
  ['', 'Release Date (newest first)'],
  ['by/release-earliest/', 'Release Date (earliest first)'],
  ['by/name/', 'Film Name'],
  ['by/date/', 'When Watched (newest first)'],
  ['by/date-earliest/', 'When Watched (earliest first)'],
  ['by/entry-rating/', 'Your Rating (highest first)'],
  ['by/entry-rating-lowest/', 'Your Rating (lowest first)'],
];

function label(slug: string): string {
  return slug
    .split('-')
    .map((word) => (word === 'tv' ? 'TV' : `${word[0]?.toUpperCase()}${word.slice(1)}`))
    .join(' ');
}

function menu(heading: string, items: string[]): string {
  return `<section class="smenu-wrapper"> <div class="smenu"> <label>${heading}<i class="ir s icon"></i></label> <ul class="smenu-menu"> ${items.join(' ')} </ul> </div> </section>`;
}

/** The sort/filter drop-downs above a member's films grid (links only; the fake serves the sort paths). */
export function sortMenus(username: string): string {
  const base = `/${username}/films/`;
  const sorts = SORTS.map(([path, name]) => `<li class=""><a href="${base}${path}" class="item">${name}</a></li>`);
  const genres = GENRES.map(
    (genre) => `<li class=""><a href="${base}genre/${genre}/" class="item"><i class="ir s icon"></i>${label(genre)}</a></li>`,
  );
  const services = SERVICES.map(
    (service) =>
      `<li class=" availability-${service} can-filter-all-services" > <a href="${base}on/${service}/" class="item">${label(service)}</a> </li>`,
  );
  const decades: string[] = [];
  for (let decade = 2020; decade >= 1870; decade -= 10) {
    decades.push(`<li class=""><a href="${base}decade/${decade}s/" class="item">${decade}s</a></li>`);
  }
  return `<div class="sorting-selects has-hide-toggle"> ${menu('Sort by', sorts)} ${menu('Service', services)} ${menu('Genre', genres)} ${menu('Decade', decades)} </div>`;
}
