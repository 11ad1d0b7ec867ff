const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#039;',
};

/** Escapes text for HTML content and double-quoted attributes the way Letterboxd does (`'` → `&#039;`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** A JSON attribute value as Letterboxd emits it since 2026: single-quoted, with `&quot;` entities. */
export function jsonAttribute(value: unknown): string {
  return `'${escapeHtml(JSON.stringify(value))}'`;
}
