import { displayName, filmIdOf, runtimeOf } from './film-identity.js';
import { escapeHtml } from './html-escape.js';
import { adSlotScript, renderShell } from './page-shell.js';
import { lazyPoster } from './poster-card.js';
import type { FakeFilm } from './types.js';

function personSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function directorLinks(directors: readonly string[]): string {
  // Letterboxd shows two directors in the masthead and hides the rest behind "…".
  const shown = directors.slice(0, 2).map(
    (name) => `<a class="contributor" href="/director/${personSlug(name)}/"><span class="prettify">${escapeHtml(name)}</span></a>`,
  );
  if (directors.length > 2) shown.push('<a class="contributor -more" href="#">&hellip;</a>');
  return shown.join(' ');
}

function jsonLd(origin: string, film: FakeFilm): string {
  const data: Record<string, unknown> = {
    image: `https://a.ltrbxd.com/resized/sm/upload/fake/${film.slug}-0-230-0-345-crop.jpg`,
    '@type': 'Movie',
    director: film.directors.map((name) => ({ '@type': 'Person', name, sameAs: `/director/${personSlug(name)}/` })),
    dateModified: '2026-11-01',
    '@context': 'http://schema.org',
    url: `${origin}/film/${film.slug}/`,
    name: film.title,
  };
  if (film.year !== null) data.releasedEvent = [{ '@type': 'PublicationEvent', startDate: String(film.year) }];
  return `<script type="application/ld+json">\n/* <![CDATA[ */\n${JSON.stringify(data)}\n/* ]]> */\n</script>`;
}

/**
 * `/film/{slug}/`: body `data-tmdb-type`/`data-tmdb-id`, masthead title/year/directors, TMDB and IMDb links in the
 * footer, JSON-LD in CDATA. A TV entry keeps Letterboxd's quirk: `data-tmdb-type="movie"`, empty
 * `data-tmdb-id`, and a TMDB link to `/tv/ID/`.
 */
export function renderFilmPage(origin: string, film: FakeFilm): string {
  const id = filmIdOf(film);
  // Letterboxd says `movie` even for TV entries, whose id attribute is then empty (the link is right).
  const tmdbId = film.tmdb?.type === 'movie' ? String(film.tmdb.id) : '';
  const links: string[] = [];
  if (film.imdbId !== null) {
    links.push(
      `<a href="http://www.imdb.com/title/${film.imdbId}/maindetails" class="micro-button track-event" data-track-action="IMDb" target="_blank" >IMDb</a>`,
    );
  }
  if (film.tmdb !== null) {
    links.push(
      `<a href="https://www.themoviedb.org/${film.tmdb.type}/${film.tmdb.id}/" class="micro-button track-event" data-track-action="TMDB" target="_blank" >TMDB</a>`,
    );
  }
  const year =
    film.year === null ? '' : `<span class="releasedate"> <a href="/films/year/${film.year}/">${film.year}</a> </span>`;
  const credits =
    film.directors.length === 0
      ? ''
      : `<p class="credits"> <span class="introduction">Directed by </span> <span class="creatorlist"> ${directorLinks(film.directors)} </span> </p>`;
  const runtime = runtimeOf(film);
  const content = `<div class="cols-3 film-body">
\t<div class="col-6 gutter-right-1" id="js-poster-col">
\t\t<section class="poster-list -p230 -single no-hover el col">
\t\t\t${lazyPoster(film, 230)}
\t\t</section>
${adSlotScript(`poster-${id}`)}
\t</div>
\t<div class="col-17">
\t\t<section class="production-masthead -shadowed -productionscreen -film">
\t\t\t<div class="details">
<h1 class="headline-1 primaryname"><span class="name js-widont prettify">${escapeHtml(film.title)}</span></h1>
        <div class="productioninfo">
            ${year}
            ${credits}
        </div>
\t\t\t</div>
\t\t</section>
\t\t<section class="section col-10 col-main">
\t\t\t<section class="production-synopsis"><div class="review body-text -prose -hero prettify"> <h3 class="hidden">Synopsis</h3> <div class="truncate" data-truncate="450"> <p>A made-up synopsis for ${escapeHtml(film.title)}, served by the lbx fake Letterboxd.</p> </div> </div></section>
\t\t\t<div id="tabbed-content" data-selected-tab=""> <header> <ul> <li><a href="/film/${film.slug}/" data-id="cast">Cast</a></li> <li><a href="/film/${film.slug}/crew/" data-id="crew">Crew</a></li> <li><a href="/film/${film.slug}/details/" data-id="details">Details</a></li> </ul> </header> <div id="tab-panel-cast" class="tabbed-content-block"> <h3 class="hidden">Cast</h3> <div class="cast-list text-sluglist"> <p class="text-sluglist">No cast listed.</p> </div> </div> </div>
\t<footer class="col-main">
<p class="text-link text-footer"> ${runtime}&nbsp;mins &nbsp; More at ${links.join(' ')} <span class="block-flag-wrapper show-on-hover hide-when-logged-out"> <a href="#" class="block-or-report-flag report-link has-icon icon-16 icon-report tooltip" title="Report this page" data-report-url="/ajax/film:${id}/report-form">Report this page</a> </span> </p>
\t</footer>
\t\t</section>
\t</div>
</div>`;
  const directorsMeta =
    film.directors.length > 2 ? `${film.directors.slice(0, 2).join(', ')} et al` : film.directors.join(', ');
  const extraHead = directorsMeta
    ? `\t<meta name="twitter:label1" content="Directed by"><meta name="twitter:data1" content="${escapeHtml(directorsMeta)}">`
    : '';
  return renderShell({
    url: `${origin}/film/${film.slug}/`,
    title: displayName(film),
    description: `A made-up synopsis for ${film.title}.`,
    ogType: 'video.movie',
    extraHead,
    bodyClass: 'film backdropped',
    bodyAttributes: `data-type="film" data-tmdb-type="movie" data-tmdb-id="${tmdbId}"`,
    content,
    trailer: jsonLd(origin, film),
  });
}
