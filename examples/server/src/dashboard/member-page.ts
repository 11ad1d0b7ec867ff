import { html } from 'hono/html';
import type { MatchedFilm } from '@lbx/sync';
import { lastRunText, syncButtons, type MemberSummary } from './home-page';
import { csrfField, formatTime, statusBadge, type Html } from './layout';
import type { Session } from './session';

/** A film of the planned list, with what the page shows about it. */
export interface PlannedFilm {
  film: MatchedFilm;
  /** The film's Letterboxd page, or `null` (an export-only film). */
  letterboxdUrl: string | null;
  tmdbUrl: string;
}

/** A film left off the list. */
export interface UnmatchedRow {
  slug: string;
  title: string;
  year: number | null;
  reason: string | null;
}

/** A TMDb search result offered as a pin. */
export interface Candidate {
  id: number;
  mediaType: 'movie' | 'tv';
  title: string;
  originalTitle: string | null;
  year: number | null;
  tmdbUrl: string;
}

/** The TMDb search box's state for one unmatched film. */
export interface SearchState {
  slug: string;
  query: string;
  year: number | null;
  candidates: Candidate[];
  error: string | null;
}

/** What the member page shows. */
export interface MemberView {
  member: MemberSummary;
  session: Session;
  unavailable: string | null;
  /** The sync's dry run now: the list it would write and the films it leaves out; or why it could not plan. */
  plan:
    | { ok: true; status: string; source: string | null; films: PlannedFilm[]; unmatched: UnmatchedRow[]; notes: string[] }
    | { ok: false; error: string };
  search: SearchState | null;
  /** Match overrides can be stored (pin forms are shown). */
  pinsEnabled: boolean;
  /** A message after a pin or an unpin (`?pinned=` / `?unpinned=`). */
  flash: string | null;
}

const REASONS: Record<string, string> = {
  'no-match': 'TMDb had no confident match (unknown or ambiguous title)',
  'film-page-failed': 'the film page could not be read and the TMDb search found nothing',
  'rejected-by-tmdb': 'TMDb refused to add the item (the id may no longer exist)',
  'excluded-by-override': 'excluded by an override (for every member)',
};

/** How a film was matched, in the dashboard's words: `page`, `rss`, `search-exact`, `search-fuzzy`, `override`. */
export function matchLabel(film: Pick<MatchedFilm, 'via' | 'method'>): string {
  const method = film.method as string | null;
  if (method === 'override') return 'override';
  if (film.via === 'film-page') return 'page';
  if (film.via === 'source') return 'rss';
  if (method === 'search-exact' || method === 'search-fuzzy') return film.via === 'cache' ? `${method} (cached)` : method;
  if (film.via === 'cache') return method === null ? 'cache' : 'page (cached)';
  return method ?? film.via;
}

/** The body of `/ui/members/{username}`. */
export function memberBody(view: MemberView): Html {
  const { member } = view;
  return html`<p class="small"><a href="/ui">← All members</a></p>
<h1>${member.username}</h1>
${view.flash === null ? '' : html`<p class="notice" role="status">${view.flash}</p>`}
<dl class="facts">
  <dt>TMDb list</dt><dd>${member.listId === null ? 'none yet' : html`<a href="${member.listUrl ?? '#'}">list ${member.listId}</a>`}</dd>
  <dt>Last run</dt><dd>${member.lastRun ? lastRunText(member.lastRun) : 'none since the server started'}</dd>
</dl>
${syncButtons({ username: member.username }, view.session, view.unavailable !== null)}
${view.plan.ok ? planSections(view, view.plan) : html`<p class="notice bad" role="alert">${view.plan.error}</p>`}`;
}

function planSections(view: MemberView, plan: Extract<MemberView['plan'], { ok: true }>): Html {
  return html`<h2 id="list-heading">The list a sync writes now</h2>
<p class="muted small">A dry run just now (nothing written): ${statusBadge(plan.status)} · source ${plan.source ?? 'unknown'} ·
  ${plan.films.length} film${plan.films.length === 1 ? '' : 's'} in this order.</p>
${plan.notes.map((note) => html`<p class="notice small">${note}</p>`)}
<div class="table-wrap"><table class="stack compact" aria-labelledby="list-heading">
<thead><tr><th scope="col">#</th><th scope="col">Film</th><th scope="col">Rating</th><th scope="col">Like</th><th scope="col">TMDb</th><th scope="col">Match</th><th scope="col">Provenance</th></tr></thead>
<tbody>
${plan.films.map((row, index) => filmRow(row, index, view, plan.source))}
</tbody></table></div>
<h2 id="unmatched-heading">Not on the list (${plan.unmatched.length})</h2>
${plan.unmatched.length === 0
    ? html`<p>Every film matched.</p>`
    : html`<ul class="cards">${plan.unmatched.map((film) => unmatchedCard(film, view))}</ul>`}`;
}

function filmRow(row: PlannedFilm, index: number, view: MemberView, source: string | null): Html {
  const { film } = row;
  const label = matchLabel(film);
  return html`<tr data-slug="${film.slug}">
  <td class="num short" data-label="#">${index + 1}</td>
  <td class="short" data-label="Film">${row.letterboxdUrl ? html`<a href="${row.letterboxdUrl}">${film.title}</a>` : film.title}${film.year === null ? '' : html` <span class="muted">(${film.year})</span>`}</td>
  <td class="short" data-label="Rating">${film.rating === null ? '—' : html`<span aria-label="${film.rating} stars">${stars(film.rating)}</span>`}</td>
  <td class="short" data-label="Like">${likeText(film)}</td>
  <td class="short" data-label="TMDb"><a href="${row.tmdbUrl}">${film.mediaType} ${film.mediaId}</a></td>
  <td class="short" data-label="Match"><span class="badge ${label.startsWith('search-fuzzy') ? 'warn' : label === 'override' ? 'ok' : ''}">${label}</span>
    ${view.pinsEnabled ? fixControls(film, view, label === 'override') : ''}</td>
  <td data-label="Provenance" class="small">${provenanceText(film, source)}</td>
</tr>`;
}

function unmatchedCard(film: UnmatchedRow, view: MemberView): Html {
  const search = view.search?.slug === film.slug ? view.search : null;
  const id = `pin-${film.slug.replace(/[^a-z0-9-]/gi, '-')}`;
  return html`<li class="card" data-unmatched="${film.slug}">
  <h3>${film.title}${film.year === null ? '' : html` <span class="muted">(${film.year})</span>`}</h3>
  <p class="small">${film.reason === null ? 'Not matched.' : (REASONS[film.reason] ?? film.reason)}</p>
  ${view.pinsEnabled && film.reason === 'excluded-by-override'
    ? unpinForm(film.slug, film.title, view, 'Include it again')
    : view.pinsEnabled
    ? html`<form class="row" method="post" action="/ui/members/${view.member.username}/pins">
      ${csrfField(view.session)}<input type="hidden" name="slug" value="${film.slug}">
      <div class="field"><label for="${id}-id">TMDb id</label><input id="${id}-id" name="tmdb_id" inputmode="numeric" pattern="[0-9]{1,10}" required size="8"></div>
      <div class="field"><label for="${id}-type">Type</label><select id="${id}-type" name="media_type"><option value="movie">movie</option><option value="tv">tv</option></select></div>
      <button type="submit">Pin</button>
    </form>`
    : html`<p class="small muted">Pinning a TMDb id needs match overrides in the store and TMDb credentials.</p>`}
  <form class="row" method="get" action="/ui/members/${view.member.username}#${id}" role="search">
    <input type="hidden" name="film" value="${film.slug}">
    <div class="field"><label for="${id}-q">Search TMDb</label><input id="${id}-q" name="q" type="search" value="${search?.query ?? film.title}"></div>
    <div class="field"><label for="${id}-year">Year</label><input id="${id}-year" name="year" inputmode="numeric" pattern="[0-9]{4}" size="5" value="${search ? (search.year ?? '') : (film.year ?? '')}"></div>
    <button type="submit" class="secondary">Search</button>
  </form>
  ${search ? candidateList(search, film, view, id) : ''}
</li>`;
}

/** A matched film's "Fix" disclosure: pin another id, exclude it, or remove its pin. */
function fixControls(film: MatchedFilm, view: MemberView, pinned: boolean): Html {
  const id = `fix-${film.slug.replace(/[^a-z0-9-]/gi, '-')}`;
  return html`<details class="fix"><summary>Fix<span class="visually-hidden"> the match of ${film.title}</span></summary>
    <form class="row" method="post" action="/ui/members/${view.member.username}/pins">
      ${csrfField(view.session)}<input type="hidden" name="slug" value="${film.slug}">
      <div class="field"><label for="${id}-id">TMDb id</label><input id="${id}-id" name="tmdb_id" inputmode="numeric" pattern="[0-9]{1,10}" required size="8"></div>
      <div class="field"><label for="${id}-type">Type</label><select id="${id}-type" name="media_type"><option value="movie">movie</option><option value="tv">tv</option></select></div>
      <button type="submit">Pin</button>
    </form>
    <form method="post" action="/ui/members/${view.member.username}/pins">${csrfField(view.session)}<input type="hidden" name="slug" value="${film.slug}"><input type="hidden" name="exclude" value="1"><button type="submit" class="secondary">Exclude from every list</button></form>
    ${pinned ? unpinForm(film.slug, film.title, view, 'Remove the pin') : ''}
  </details>`;
}

function unpinForm(slug: string, title: string, view: MemberView, label: string): Html {
  return html`<form method="post" action="/ui/members/${view.member.username}/pins/delete">${csrfField(view.session)}<input type="hidden" name="slug" value="${slug}"><button type="submit" class="secondary" aria-label="${label}: ${title}">${label}</button></form>`;
}

function candidateList(search: SearchState, film: UnmatchedRow, view: MemberView, id: string): Html {
  if (search.error !== null) return html`<p class="notice bad" role="alert">${search.error}</p>`;
  if (search.candidates.length === 0) return html`<p role="status">No TMDb result for “${search.query}”.</p>`;
  return html`<ul class="candidates" id="${id}" aria-label="TMDb results for ${search.query}">
${search.candidates.map(
  (candidate) => html`<li><span><a href="${candidate.tmdbUrl}">${candidate.title}</a> <span class="muted">(${candidate.year ?? 'no year'}) · ${candidate.mediaType} ${candidate.id}</span>${candidate.originalTitle && candidate.originalTitle !== candidate.title ? html`<br><span class="small muted">${candidate.originalTitle}</span>` : ''}</span>
  ${view.pinsEnabled ? html`<form method="post" action="/ui/members/${view.member.username}/pins">${csrfField(view.session)}<input type="hidden" name="slug" value="${film.slug}"><input type="hidden" name="tmdb_id" value="${candidate.id}"><input type="hidden" name="media_type" value="${candidate.mediaType}"><button type="submit" aria-label="Pin ${film.title} to ${candidate.title} (${candidate.year ?? 'no year'})">Pin this</button></form>` : ''}</li>`,
)}
</ul>`;
}

function stars(rating: number): string {
  return `${'★'.repeat(Math.floor(rating))}${rating % 1 === 0 ? '' : '½'}`;
}

function likeText(film: MatchedFilm): Html {
  const liked = film.provenance?.liked;
  return html`<span aria-label="liked">♥</span>${liked ? html` <span class="small muted">${liked.source}</span>` : ''}`;
}

const SOURCE_NAMES: Record<string, string> = {
  letterboxd: 'the Letterboxd site',
  export: 'the data export',
  ledger: 'the ledger',
  api: "Letterboxd's API",
};

function provenanceText(film: MatchedFilm, source: string | null): Html {
  const provenance = film.provenance?.rating ?? film.provenance?.liked;
  const id = html`<br><span class="muted">TMDb id via ${film.via}</span>`;
  if (!provenance) return html`rating from ${source === null ? 'the source' : (SOURCE_NAMES[source] ?? source)}${id}`;
  return html`rating from ${provenance.source} ${formatTime(provenance.observedAt)}${'guid' in provenance ? html` (${provenance.guid})` : ''}${id}`;
}
