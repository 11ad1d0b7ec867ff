/**
 * The `scopes` claim of a TMDb JWT (read token, user token), decoded WITHOUT verification — a hint only,
 * since the format is undocumented. `null` when the token is not a readable JWT.
 */
export function jwtScopes(token: string): string[] | null {
  const payload = token.split('.')[1];
  if (payload === undefined || token.split('.').length !== 3) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '='))) as { scopes?: unknown };
    if (!Array.isArray(claims.scopes)) return null;
    // Some tokens carry one space-separated string ("api_read api_write").
    return claims.scopes.flatMap((scope) => (typeof scope === 'string' ? scope.split(/\s+/) : []));
  } catch {
    return null;
  }
}
