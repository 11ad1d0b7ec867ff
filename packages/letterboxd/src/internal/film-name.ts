/** Splits Letterboxd's "Title (Year)" display names. Only a 4-digit year at the very end counts. */

const TRAILING_YEAR = /^(.*?)\s*\((\d{4})\)$/;

/** `"What's Up, Doc? (Again) (1972)"` → `{ title: "What's Up, Doc? (Again)", year: 1972 }`; no suffix → year `null`. */
export function splitTitleYear(name: string): { title: string; year: number | null } {
  const trimmed = name.replace(/\s+/g, ' ').trim();
  const match = TRAILING_YEAR.exec(trimmed);
  if (match && match[1]) return { title: match[1], year: Number(match[2]) };
  return { title: trimmed, year: null };
}
