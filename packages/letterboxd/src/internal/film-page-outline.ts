/**
 * A film page is ~300 KB, mostly cast/crew/release tabs that hold nothing we read, and node-html-parser spends
 * ~15 ms on the whole of it. The outline keeps only what the film-page parser looks at — the `<head>` (meta
 * tags), the `<body>` tag (TMDb attributes), the masthead section (title, year, directors), every link to TMDb
 * or IMDb, and the JSON-LD scripts — as a small well-formed document. `null` when a part cannot be located
 * safely; the caller then parses the whole page.
 */

const LINK = /<a\s[^>]*(?:themoviedb\.org|imdb\.com)[^>]*>/gi;
const JSON_LD = /<script[^>]*application\/ld\+json[^>]*>[\s\S]*?<\/script>/gi;

export function filmPageOutline(html: string): string | null {
  const headEnd = html.indexOf('</head>');
  const bodyStart = html.indexOf('<body', headEnd < 0 ? 0 : headEnd);
  if (headEnd < 0 || bodyStart < 0) return null;
  const bodyTagEnd = html.indexOf('>', bodyStart);
  const mastheadStart = html.indexOf('<section class="production-masthead', bodyTagEnd);
  if (bodyTagEnd < 0 || mastheadStart < 0) return null;
  const mastheadEnd = html.indexOf('</section>', mastheadStart);
  if (mastheadEnd < 0) return null;

  const parts = [
    html.slice(0, headEnd + '</head>'.length),
    html.slice(bodyStart, bodyTagEnd + 1),
    html.slice(mastheadStart, mastheadEnd + '</section>'.length),
  ];
  for (const link of html.slice(bodyTagEnd).matchAll(LINK)) parts.push(`${link[0]}</a>`);
  for (const script of html.slice(bodyTagEnd).matchAll(JSON_LD)) parts.push(script[0]);
  parts.push('</body></html>');
  return parts.join('\n');
}
