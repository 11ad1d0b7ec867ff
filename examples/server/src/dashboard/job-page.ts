import { html } from 'hono/html';
import { summarize } from '@lbx/example-shared';
import type { SyncEvent } from '@lbx/sync';
import type { Job } from '../job-runner';
import { csrfField, formatTime, statusBadge, type Html } from './layout';
import { matchLabel } from './member-page';
import type { Session } from './session';

/** `true` while a job may still change (the page then streams progress, or refreshes without JavaScript). */
export function jobActive(job: Job): boolean {
  return job.status === 'queued' || job.status === 'running';
}

/** The body of `/ui/jobs/{id}`: the job's state and per-member results; live progress while it runs. */
export function jobBody(job: Job, session: Session, events: readonly SyncEvent[]): Html {
  const counts = summarize(job.results);
  const active = jobActive(job);
  return html`<p class="small"><a href="/ui">← All members</a></p>
<h1>${job.dryRun ? 'Dry run' : 'Sync'} of ${[...job.usernames, ...job.lists].join(', ')}</h1>
<dl class="facts">
  <dt>Status</dt><dd id="job-status">${statusBadge(job.status)}${job.force ? ' (forced)' : ''}</dd>
  <dt>Queued</dt><dd>${formatTime(job.createdAt)}</dd>
  <dt>Started</dt><dd>${formatTime(job.startedAt)}</dd>
  <dt>Finished</dt><dd>${formatTime(job.finishedAt)}</dd>
  <dt>Members</dt><dd>${counts.total} of ${job.usernames.length + job.lists.length} done: ${counts.synced} synced, ${counts.unchanged} unchanged, ${counts.refused} refused, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}</dd>
</dl>
${job.results.length === 0 ? '' : html`<h2 id="results-heading">Results</h2>
<div class="table-wrap"><table class="stack" aria-labelledby="results-heading">
<thead><tr><th scope="col">Member</th><th scope="col">Status</th><th scope="col">Films</th><th scope="col">Changes</th><th scope="col">Not matched</th><th scope="col">Details</th></tr></thead>
<tbody>
${job.results.map(
  (outcome) => html`<tr data-member="${outcome.definitionId ?? outcome.username}">
  <td data-label="Member">${outcome.definitionId === undefined ? '' : html`<code>${outcome.definitionId}</code> of `}<a href="/ui/members/${outcome.username}">${outcome.username}</a></td>
  <td data-label="Status">${statusBadge(outcome.status)}${outcome.dryRun ? html` <span class="small muted">dry run</span>` : ''}</td>
  <td data-label="Films" class="num">${outcome.matched} of ${outcome.filmsFound} matched</td>
  <td data-label="Changes" class="num">+${outcome.added} −${outcome.removed}${outcome.reordered ? ` ↻${outcome.reordered}` : ''}${outcome.listCreated ? ' (list created)' : ''}</td>
  <td data-label="Not matched">${outcome.notMatched.length === 0 ? '—' : outcome.notMatched.map((film) => html`${film.title}${film.year === null ? '' : ` (${film.year})`}<br>`)}</td>
  <td ${outcome.error === null && outcome.sourceNotes.length === 0 && outcome.status !== 'refused' ? '' : html`data-label="Details"`} class="small">${outcome.error ?? ''}${outcome.sourceNotes.map((note) => html`<br>${note.message}`)}
    ${outcome.status === 'refused' && !job.dryRun
      ? html`<form method="post" action="/ui/sync">${csrfField(session)}${outcome.definitionId === undefined ? html`<input type="hidden" name="username" value="${outcome.username}">` : html`<input type="hidden" name="list" value="${outcome.definitionId}">`}<input type="hidden" name="force" value="1"><button type="submit" name="mode" value="sync">Force this sync</button></form>`
      : ''}</td>
</tr>`,
)}
</tbody></table></div>`}
${active || events.length > 0
    ? html`<h2>Progress</h2>
${active ? html`<p id="live-status" role="status">Running… this page follows the sync live (without JavaScript it reloads every few seconds).</p>` : ''}
<ol class="progress" id="progress" tabindex="0" aria-label="Progress log" ${active ? html`data-events="/ui/jobs/${job.id}/events?from=${events.length}"` : ''} aria-live="polite">${events.map((event) => html`<li>${progressText(event)}</li>`)}</ol>`
    : ''}`;
}

/** One line of live progress for a sync event (what the job page's event stream sends). */
export function progressText(event: SyncEvent): string {
  const who = event.username;
  switch (event.type) {
    case 'member-started':
      return `${who}: started${event.dryRun ? ' (dry run: nothing is written)' : ''}`;
    case 'films-fetched':
      return `${who}: ${event.count} film${event.count === 1 ? '' : 's'} from the source`;
    case 'film-resolved':
      return `${who}: ${filmName(event.film)} → TMDb ${event.tmdb.mediaType} ${event.tmdb.id} (${matchLabel(event)})`;
    case 'film-unmatched':
      return `${who}: ${filmName(event.film)} not matched (${event.reason})`;
    case 'list-created':
      return `${who}: created the list “${event.name}” (${event.listId})`;
    case 'duplicate-lists':
      return `${who}: other lists named “${event.name}”: ${event.duplicateListIds.join(', ')} (left alone)`;
    case 'items-added':
      return `${who}: added ${event.items.length} item${event.items.length === 1 ? '' : 's'}`;
    case 'items-removed':
      return `${who}: removed ${event.items.length} item${event.items.length === 1 ? '' : 's'}${event.reason === 'reorder' ? ' to restore the order' : ''}`;
    case 'member-finished':
      return `${who}: ${event.result.status}, +${event.result.added} −${event.result.removed}`;
  }
}

function filmName(film: { title: string; year: number | null }): string {
  return film.year === null ? film.title : `${film.title} (${film.year})`;
}
