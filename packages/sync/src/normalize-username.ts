/**
 * Letterboxd usernames are case-insensitive, but mapping keys and list names are not: the sync keys every
 * member by one form, lower-case without surrounding spaces, so "Ana" and "ana" never get two lists.
 */

/** The form of a username the sync keys a member by: trimmed and lower-cased (`' Ana '` → `'ana'`). */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Usernames in the form `syncUsers` syncs them: each {@link normalizeUsername}d, duplicates dropped, first
 * occurrence order kept (`['Ana', 'bo', 'ana']` → `['ana', 'bo']`). Use it to show callers the members a run
 * will sync.
 */
export function normalizeUsernames(usernames: readonly string[]): string[] {
  return [...new Set(usernames.map(normalizeUsername))];
}
