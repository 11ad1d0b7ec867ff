/**
 * Parses a `Retry-After` header into milliseconds: delta seconds (`"120"`, `"1.5"`) or an HTTP date (a date in
 * the past means `0`). `null` when the header is absent, empty, negative or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (/^[-+]?[\d.]+$/.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
