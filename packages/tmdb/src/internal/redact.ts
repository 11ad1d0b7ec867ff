/** The URL as safe to show: `api_key` removed (tokens travel in headers and never appear in URLs). */
export function redactUrl(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    parsed.searchParams.delete('api_key');
    return parsed.toString();
  } catch {
    return String(url).replace(/([?&])api_key=[^&#]*&?/g, '$1').replace(/[?&]$/, '');
  }
}

/** Replace every occurrence of the given secrets in `text` with `***`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 6) result = result.split(secret).join('***');
  }
  return result;
}
