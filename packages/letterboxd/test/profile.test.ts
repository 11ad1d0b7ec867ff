import { describe, expect, it } from 'vitest';
import { LetterboxdParseError, createLetterboxdClient } from '@lbx/letterboxd';
import { BASE, createSite, fixture, useServer } from './handlers/letterboxd-site.js';

const server = useServer();
const client = () => createLetterboxdClient({ minDelayMs: 0 });

describe('getProfile', () => {
  it('reads name, bio, avatar and statistics mapped by link', async () => {
    const site = createSite({ '/mara_quill/': fixture('letterboxd-profile-with-bio.html') });
    server.use(...site.handlers);
    expect(await client().getProfile('mara_quill')).toEqual({
      username: 'mara_quill',
      displayName: 'Mara Quill',
      bio: 'Night-shift projectionist & part-time critic.\n\nMostly 35 mm.',
      avatarUrl: 'https://a.ltrbxd.com/resized/avatar/upload/9/9/9/shard/avtr-0-220-0-220-crop.jpg?v=1',
      url: `${BASE}/mara_quill/`,
      stats: { filmsWatched: 1204, filmsThisYear: 87, lists: 12, following: 150, followers: 2318 },
    });
    expect(site.requests).toEqual(['/mara_quill/']);
  });

  it('without a bio: bio null, stats by link whatever their order or label, missing ones null', async () => {
    server.use(...createSite({ '/theo-brandt/': fixture('letterboxd-profile-no-bio.html') }).handlers);
    expect(await client().getProfile('theo-brandt')).toEqual({
      username: 'theo-brandt',
      displayName: 'theo-brandt',
      bio: null,
      avatarUrl: null,
      url: `${BASE}/theo-brandt/`,
      stats: { filmsWatched: 42, filmsThisYear: 3, lists: 0, following: null, followers: null },
    });
  });

  it('falls back to og:title, og:image and the "Bio:" description when the header markup moves', async () => {
    const page = fixture('letterboxd-profile-with-bio.html')
      .replace(/<h1 class="person-display-name">[\s\S]*?<\/h1>/, '')
      .replace(/<div class="profile-avatar">[\s\S]*?<\/div>/, '')
      .replace(/<div class="bio js-bio">[\s\S]*?<\/div><\/div>/, '');
    server.use(...createSite({ '/mara_quill/': page }).handlers);
    expect(await client().getProfile('mara_quill')).toMatchObject({
      displayName: 'Mara Quill',
      bio: 'Night-shift projectionist.',
      avatarUrl: 'https://a.ltrbxd.com/resized/avatar/upload/9/9/9/shard/avtr-0-1000-0-1000-crop.jpg?v=1',
    });
  });

  it('is a LetterboxdParseError when the page is not a profile', async () => {
    server.use(...createSite({ '/mara_quill/': '<!DOCTYPE html><html><body class="home"><h1>Welcome</h1></body></html>' }).handlers);
    const error = await client().getProfile('mara_quill').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LetterboxdParseError);
    expect(error).toMatchObject({ page: 'profile', username: 'mara_quill', url: `${BASE}/mara_quill/` });
  });
});
