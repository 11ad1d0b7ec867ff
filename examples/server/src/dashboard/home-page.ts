import { html } from 'hono/html';
import type { ConfiguredList, SourceMode } from '@lbx/example-shared';
import type { LastRun } from '../job-activity';
import { csrfField, formatTime, statusBadge, type Html } from './layout';
import type { Session } from './session';

/** How fresh a member's film ledger is (the ledger's own timestamps). */
export interface LedgerFreshness {
  exportedAt: string | null;
  lastFeedEntryAt: string | null;
  feedReadAt: string | null;
}

/** One member's card on the dashboard. */
export interface MemberSummary {
  username: string;
  /** `LETTERBOXD_SOURCE` (or the member's own mode). */
  mode: SourceMode;
  listId: number | null;
  listUrl: string | null;
  ledger: LedgerFreshness | null;
  lastRun: LastRun | null;
}

/** One list definition's card (`LBX_LISTS_FILE`). */
export interface DefinitionSummary {
  definition: ConfiguredList;
  /** The source mode of the member's films (`top-rated` reads like a member's sync; the other kinds scrape the site). */
  mode: SourceMode | 'scrape';
  listId: number | null;
  listUrl: string | null;
  lastRun: LastRun | null;
}

/** What the dashboard page shows. */
export interface HomeView {
  members: MemberSummary[];
  definitions: DefinitionSummary[];
  /** Why syncs cannot run now, or `null`. */
  unavailable: string | null;
  session: Session;
}

const MODE_TEXT: Record<SourceMode, string> = {
  scrape: 'scrape (the Letterboxd site; a stored export wins)',
  ledger: 'ledger (export + RSS feed)',
  api: "api (Letterboxd's official API)",
  auto: 'auto (ledger with an export, else the site with a fallback to the ledger)',
};

/** The body of `/ui`: every member with their source, list and last run, and the sync buttons. */
export function homeBody(view: HomeView): Html {
  return html`<h1>Dashboard</h1>
<h2 id="members">Members</h2>
${view.unavailable === null ? '' : html`<p class="notice bad" role="status">Syncs are unavailable: ${view.unavailable}</p>`}
${view.members.length === 0
    ? html`<p>No member yet: no sync has run and no list is mapped. Open a member below to see what a sync would do.</p>`
    : html`<ul class="cards">${view.members.map((member) => memberCard(member, view))}</ul>`}
${view.definitions.length === 0 ? '' : html`<h2 id="definitions">List definitions</h2>
<ul class="cards">${view.definitions.map((definition) => definitionCard(definition, view))}</ul>`}
<h2>Open another member</h2>
<form class="row" method="get" action="/ui/members">
  <div class="field"><label for="open-username">Letterboxd username</label>
  <input id="open-username" name="username" required pattern="[A-Za-z0-9_\\-]{1,100}" autocomplete="off" autocapitalize="none" spellcheck="false"></div>
  <button type="submit" class="secondary">Open</button>
</form>`;
}

function memberCard(member: MemberSummary, view: HomeView): Html {
  const run = member.lastRun;
  return html`<li class="card" data-member="${member.username}">
  <h3><a href="/ui/members/${member.username}">${member.username}</a></h3>
  <dl class="facts">
    <dt>Source</dt><dd>${MODE_TEXT[member.mode]}</dd>
    ${member.ledger ? html`<dt>Ledger</dt><dd>${ledgerText(member.ledger)}</dd>` : ''}
    <dt>TMDb list</dt><dd>${member.listId === null ? html`<span class="muted">none yet</span>` : html`<a href="${member.listUrl ?? '#'}">list ${member.listId}</a>`}</dd>
    <dt>Last run</dt><dd>${run ? lastRunText(run) : html`<span class="muted">none since the server started</span>`}</dd>
  </dl>
  ${syncButtons({ username: member.username }, view.session, view.unavailable !== null)}
</li>`;
}

function definitionCard(summary: DefinitionSummary, view: HomeView): Html {
  const { definition: list, lastRun: run } = summary;
  return html`<li class="card" data-definition="${list.id}">
  <h3>${list.listName}</h3>
  <dl class="facts">
    <dt>Id</dt><dd><code>${list.id}</code></dd>
    <dt>Films</dt><dd>${list.source}${list.slug ? html` “${list.slug}”` : ''} of <a href="/ui/members/${list.member}">${list.member}</a>${filtersText(list)}</dd>
    <dt>Source</dt><dd>${summary.mode === 'scrape' && list.source !== 'top-rated' ? 'scrape (the Letterboxd site)' : MODE_TEXT[summary.mode]}</dd>
    <dt>TMDb list</dt><dd>${summary.listId === null ? html`<span class="muted">none yet</span>` : html`<a href="${summary.listUrl ?? '#'}">list ${summary.listId}</a>`}</dd>
    <dt>Last run</dt><dd>${run ? lastRunText(run) : html`<span class="muted">none since the server started</span>`}</dd>
  </dl>
  ${syncButtons({ list: list.id }, view.session, view.unavailable !== null)}
</li>`;
}

function filtersText(list: ConfiguredList): string {
  const parts: string[] = [];
  if (list.minRating !== undefined || list.maxRating !== undefined) parts.push(`rated ${list.minRating ?? 0.5}–${list.maxRating ?? 5}★`);
  if (list.yearFrom !== undefined || list.yearTo !== undefined) parts.push(`from ${list.yearFrom ?? '…'} to ${list.yearTo ?? '…'}`);
  if (list.excludeTv) parts.push('no TV');
  if (list.limit !== undefined) parts.push(`at most ${list.limit}`);
  parts.push(`ordered by ${list.order ?? 'source'}${list.direction ? ` ${list.direction}` : ''}`);
  return `; ${parts.join(', ')}`;
}

/** The "Sync now" and "Dry run" buttons (one form, two submit buttons) of a member or a list definition. */
export function syncButtons(target: { username: string } | { list: string }, session: Session, disabled: boolean): Html {
  const [field, name] = 'username' in target ? ['username', target.username] : ['list', target.list];
  return html`<form class="actions" method="post" action="/ui/sync">
  ${csrfField(session)}<input type="hidden" name="${field}" value="${name}">
  <button type="submit" name="mode" value="sync" ${disabled ? 'disabled' : ''} aria-label="Sync now (${name})">Sync now</button>
  <button type="submit" name="mode" value="dry-run" class="secondary" ${disabled ? 'disabled' : ''} aria-label="Dry run (${name})">Dry run</button>
</form>`;
}

/** `synced 2026-12-01 23:04 UTC · +2 −1 · 3 writes`. */
export function lastRunText(run: LastRun): Html {
  const writes = run.added + run.removed + 2 * run.reordered;
  return html`${statusBadge(run.status)} <a href="/ui/jobs/${run.jobId}">${formatTime(run.at)}</a>
    · <span aria-label="${run.added} added, ${run.removed} removed">+${run.added} −${run.removed}</span>
    · ${writes === 0 ? 'no writes' : `${writes} item write${writes === 1 ? '' : 's'}`}
    ${run.notMatched > 0 ? html` · <span class="warn">${run.notMatched} not matched</span>` : ''}
    ${run.error === null ? '' : html`<br><span class="small ${run.status === 'failed' ? 'bad' : 'warn'}">${run.error}</span>`}`;
}

function ledgerText(ledger: LedgerFreshness): Html {
  return html`${ledger.exportedAt === null ? 'no export' : `export of ${formatTime(ledger.exportedAt)}`};
    ${ledger.feedReadAt === null ? 'feed never read' : `feed read ${formatTime(ledger.feedReadAt)}`}${ledger.lastFeedEntryAt === null ? '' : `, newest entry ${formatTime(ledger.lastFeedEntryAt)}`}`;
}
