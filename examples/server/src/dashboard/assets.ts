/**
 * The dashboard's two static files, served from this origin (`/ui/assets/…`; the CSP allows scripts and
 * styles from 'self' only). Kept as strings so the built server (`tsup`) needs no asset copying.
 */

/** `/ui/assets/dashboard.css`: plain, readable on a phone, light and dark. */
export const DASHBOARD_CSS = `
:root { color-scheme: light dark; --fg: #1b1d21; --muted: #5b6270; --bg: #fbfbfc; --card: #fff; --line: #d9dce3;
  --accent: #0b5cad; --accent-fg: #fff; --ok: #1d7a3a; --warn: #9a5b00; --bad: #b3261e; --focus: #f2b705; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e8eaee; --muted: #a4abb8; --bg: #14161a; --card: #1d2026; --line: #343945; --accent: #6cb2ff;
    --accent-fg: #0b0d10; --ok: #63c685; --warn: #e7b34c; --bad: #ff8a80; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
details.fix { margin-top: .35rem; }
details.fix summary { cursor: pointer; color: var(--accent); font-size: .875rem; }
details.fix[open] { display: grid; gap: .5rem; padding: .5rem; border: 1px solid var(--line); border-radius: .375rem; min-width: 16rem; }
details.fix form { margin: 0; }
.skip:focus { left: 1rem; top: .5rem; background: var(--card); padding: .25rem .5rem; z-index: 1; }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .75rem 1rem;
  border-bottom: 1px solid var(--line); background: var(--card); }
header.top .brand { font-weight: 700; text-decoration: none; color: var(--fg); margin-right: auto; }
header.top form { margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
p { margin: .5rem 0; }
.muted { color: var(--muted); }
.small { font-size: .875rem; }
.cards { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 21rem), 1fr)); padding: 0; list-style: none; margin: 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; min-width: 0; }
.card h2, .card h3 { margin: 0 0 .5rem; font-size: 1.15rem; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .75rem; margin: .5rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .75rem; align-items: center; }
.actions form { margin: 0; }
button, .button { font: inherit; padding: .45rem .9rem; border-radius: .375rem; border: 1px solid var(--accent);
  background: var(--accent); color: var(--accent-fg); cursor: pointer; text-decoration: none; display: inline-block; min-height: 2.5rem; }
button.secondary, .button.secondary { background: transparent; color: var(--accent); }
button.link { background: none; border: none; color: var(--accent); text-decoration: underline; padding: 0; min-height: 0; }
label { font-weight: 600; }
input, select { font: inherit; padding: .4rem .5rem; border: 1px solid var(--line); border-radius: .375rem;
  background: var(--bg); color: var(--fg); min-height: 2.5rem; max-width: 100%; }
.field { display: flex; flex-direction: column; gap: .25rem; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; }
.row form, form.row { margin: 0; }
.card form.row + form.row { margin-top: .75rem; padding-top: .75rem; border-top: 1px dashed var(--line); }
.table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .5rem .65rem; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody tr:last-child td { border-bottom: none; }
th { font-size: .875rem; color: var(--muted); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 1rem; border: 1px solid currentColor; font-size: .8rem; white-space: nowrap; }
.ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); }
.notice { border-left: 4px solid var(--warn); background: var(--card); padding: .5rem .75rem; border-radius: .25rem; }
.notice.bad { border-color: var(--bad); color: inherit; }
ol.progress { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .875rem; background: var(--card);
  border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .5rem .5rem 2.5rem; max-height: 24rem; overflow: auto; overflow-wrap: anywhere; }
.candidates { list-style: none; padding: 0; margin: .5rem 0 0; display: grid; gap: .5rem; }
.candidates li { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; justify-content: space-between;
  border: 1px solid var(--line); border-radius: .375rem; padding: .4rem .6rem; }
form.inline { display: inline; margin: 0; }
.login { max-width: 24rem; margin: 3rem auto; }
.login form { display: grid; gap: .75rem; }
@media (max-width: 40rem) {
  main { padding: .75rem; }
  h1 { font-size: 1.3rem; }
  table.stack thead { position: absolute; left: -9999px; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
  table.stack td { border: none; padding: .15rem .65rem; text-align: left; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; }
  .table-wrap { overflow-x: visible; }
  table.compact td.short { display: inline-block; width: auto; padding-right: .35rem; }
  table.compact td.short::before { content: none; }
  table.compact details.fix[open] { min-width: 0; }
}
`;

/**
 * `/ui/assets/job.js`: the job page's live progress. Without JavaScript the page refreshes itself
 * (`<noscript>` meta refresh) until the job is done; with it, the server-sent events of
 * `/ui/jobs/{id}/events` are appended as they come and the page reloads once to show the final state.
 */
export const JOB_JS = `
(() => {
  const list = document.getElementById('progress');
  const status = document.getElementById('live-status');
  if (!list || !list.dataset.events || !window.EventSource) return;
  const source = new EventSource(list.dataset.events);
  const add = (text) => {
    const item = document.createElement('li');
    item.textContent = text;
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  };
  source.addEventListener('progress', (event) => add(JSON.parse(event.data).text));
  source.addEventListener('done', () => {
    source.close();
    if (status) status.textContent = 'Finished — loading the results…';
    window.location.reload();
  });
  source.onerror = () => {
    if (status) status.textContent = 'Live progress interrupted; reload the page to see the latest state.';
  };
})();
`;
