import { seededRandom } from './seeded-random.js';

const ICONS = [
  'like', 'liked', 'watch', 'watched', 'watchlist', 'rate', 'review', 'list', 'share', 'report', 'search', 'menu',
  'close', 'back', 'next', 'pro', 'patron', 'instagram', 'threads', 'x', 'bluesky', 'facebook', 'tiktok', 'youtube',
  'apple', 'android', 'rss', 'diary', 'rewatch', 'heart', 'star', 'star-half', 'grid', 'filter', 'sort', 'eye',
  'clock', 'calendar', 'globe', 'lock',
];

function pathData(random: () => number): string {
  const parts: string[] = [];
  let x = 8;
  let y = 8;
  for (let step = 0; step < 115; step += 1) {
    const dx = (random() * 4 - 2).toFixed(2);
    const dy = (random() * 4 - 2).toFixed(2);
    parts.push(step % 3 === 0 ? `M${x.toFixed(2)} ${y.toFixed(2)}` : `l${dx} ${dy}`);
    x = 2 + random() * 12;
    y = 2 + random() * 12;
  }
  return `${parts.join('')}z`;
}

function build(): string {
  const random = seededRandom(1999);
  const symbols = ICONS.map(
    (name) =>
      `<symbol id="icon-${name}" viewBox="0 0 16 16"><path fill-rule="nonzero" d="${pathData(random)}"/></symbol>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" style="position:absolute;width:0;height:0;overflow:hidden">${symbols.join('')}</svg>`;
}

/**
 * The inline SVG icon sprite Letterboxd pages carry near the top of `<body>` (made-up path data of a realistic
 * size, so generated pages weigh what real ones do). Built once.
 */
export const ICON_SPRITE = build();
