/**
 * Parses a member's profile page `/{user}/`: display name, avatar, bio and the header statistics (mapped by
 * their link, never by their localised label).
 */
import { LetterboxdParseError } from '../errors.js';
import type { Profile } from '../types.js';
import { type Element, attr, findAll, findFirst, hasClass, parseHtml, tag, text, walk } from './dom.js';
import { describeIssue, profileSchema } from './schemas.js';
import { pathUrl } from './urls.js';

type StatKey = keyof Profile['stats'];

const STAT_PATHS: Array<[RegExp, StatKey]> = [
  [/^\/[^/]+\/films\/$/, 'filmsWatched'],
  [/^\/[^/]+\/diary\/for\/\d{4}\/$/, 'filmsThisYear'],
  [/^\/[^/]+\/lists\/$/, 'lists'],
  [/^\/[^/]+\/following\/$/, 'following'],
  [/^\/[^/]+\/followers\/$/, 'followers'],
];

function count(value: string): number | null {
  const digits = value.replace(/[^\d]/g, '');
  return digits === '' ? null : Number(digits);
}

export function parseProfilePage(html: string, ctx: { url: string; baseUrl: string; username: string }): Profile {
  const root = parseHtml(html);
  const metas = new Map<string, string>();
  let owner: string | null = null;
  let displayName: string | null = null;
  let avatar: string | null = null;
  let bio: string | null = null;
  let header = false;
  const stats: Profile['stats'] = {
    filmsWatched: null,
    filmsThisYear: null,
    lists: null,
    following: null,
    followers: null,
  };

  walk(root, (el) => {
    const name = tag(el);
    if (name === 'meta') {
      const key = attr(el, 'property') ?? attr(el, 'name');
      const content = el.getAttribute('content');
      if (key && content !== undefined) metas.set(key, content);
      return false;
    }
    if (name === 'body' || name === 'section') {
      owner ??= attr(el, 'data-owner') ?? attr(el, 'data-person');
      if (hasClass(el, 'profile-header')) header = true;
      return true;
    }
    if (name === 'h1' && hasClass(el, 'person-display-name')) {
      const label = findFirst(el, (child) => hasClass(child, 'displayname')) ?? el;
      displayName = text(label) || null;
      return false;
    }
    if (name === 'div' && hasClass(el, 'profile-avatar')) {
      const img = findFirst(el, (child) => tag(child) === 'img');
      avatar = img ? attr(img, 'src') : null;
      return false;
    }
    if (hasClass(el, 'js-bio-content')) {
      const paragraphs = findAll(el, (child) => tag(child) === 'p').map(text).filter(Boolean);
      bio = (paragraphs.length > 0 ? paragraphs.join('\n\n') : text(el)) || null;
      return false;
    }
    if (name === 'h4' && hasClass(el, 'profile-statistic')) {
      readStat(el, stats);
      return false;
    }
    return true;
  });

  if (!header && displayName === null) {
    throw new LetterboxdParseError({ url: ctx.url, username: ctx.username, page: 'profile', detail: 'no profile header (section.profile-header / h1.person-display-name)' });
  }
  const ogTitle = metas.get('og:title');
  displayName ??= ogTitle ? ogTitle.replace(/^\u200e/, '').replace(/[’']s profile$/, '').trim() || null : null;
  avatar ??= metas.get('og:image') ?? null;
  if (bio === null) {
    const description = metas.get('og:description') ?? '';
    const fromMeta = /\bBio:\s*(.+)$/s.exec(description)?.[1]?.trim();
    bio = fromMeta ? fromMeta : null;
  }

  const username = owner ?? ctx.username;
  const profile = {
    username,
    displayName: displayName ?? username,
    bio,
    avatarUrl: avatar ? absoluteAvatar(ctx.baseUrl, avatar) : null,
    url: pathUrl(ctx.baseUrl, username),
    stats,
  };
  const checked = profileSchema.safeParse(profile);
  if (!checked.success) {
    throw new LetterboxdParseError({ url: ctx.url, username: ctx.username, page: 'profile', detail: describeIssue(checked.error), cause: checked.error });
  }
  return checked.data;
}

function readStat(h4: Element, stats: Profile['stats']): void {
  const link = findFirst(h4, (el) => tag(el) === 'a');
  const href = link ? attr(link, 'href') : null;
  if (!link || !href) return;
  let path: string;
  try {
    path = new URL(href, 'https://letterboxd.invalid').pathname;
  } catch {
    return;
  }
  const entry = STAT_PATHS.find(([pattern]) => pattern.test(path));
  if (!entry) return;
  const value = findFirst(link, (el) => hasClass(el, 'value'));
  stats[entry[1]] = count(text(value ?? link));
}

function absoluteAvatar(baseUrl: string, src: string): string {
  return /^https?:\/\//.test(src) ? src : new URL(src, `${baseUrl}/`).href;
}

