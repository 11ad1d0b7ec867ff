import { HttpResponse } from 'msw';

/** TMDb's status codes the fake answers with, and their messages. */
export const TMDB_MESSAGES = {
  1: 'Success.',
  3: 'Authentication failed: You do not have permissions to access the service.',
  5: 'Invalid parameters: Your request parameters are incorrect.',
  7: 'Invalid API key: You must be granted a valid key.',
  9: 'Service offline: This service is temporarily offline, try again later.',
  11: 'Internal error: Something went wrong, contact TMDB.',
  12: 'The item/record was updated successfully.',
  13: 'The item/record was deleted successfully.',
  18: 'Validation failed.',
  22: 'Invalid page: Pages start at 1 and max at 500. They are expected to be an integer.',
  24: 'Your request to the backend server timed out. Try again.',
  25: 'Your request count (41) is over the allowed limit of (40).',
  33: 'Invalid request token: The request token is either expired or invalid.',
  34: 'The resource you requested could not be found.',
  35: 'Invalid token.',
  36: "This token hasn't been granted write permission by the user.",
  38: "You don't have permission to edit this resource.",
  39: 'This resource is private.',
  41: "This request token hasn't been approved by the user.",
  43: "Couldn't connect to the backend server.",
  47: 'The input is not valid.',
} as const;

export type TmdbCode = keyof typeof TMDB_MESSAGES;

/** A TMDb error body: `{ success: false, status_code, status_message }` (+ `errors` when given). */
export function tmdbError(
  status: number,
  code: TmdbCode,
  extra: { errors?: string[]; headers?: Record<string, string> } = {},
): Response {
  const body: Record<string, unknown> = { success: false, status_code: code, status_message: TMDB_MESSAGES[code] };
  if (extra.errors) body.errors = extra.errors;
  return HttpResponse.json(body, { status, headers: extra.headers });
}

/** A TMDb success envelope merged with `fields`. */
export function tmdbOk(fields: Record<string, unknown> = {}, status = 200, code: TmdbCode = 1): Response {
  return HttpResponse.json(
    { success: true, status_code: code, status_message: TMDB_MESSAGES[code], ...fields },
    { status },
  );
}

/** Plain JSON (no envelope), as v3 reads answer. */
export function json(body: Record<string, unknown>, headers?: Record<string, string>): Response {
  return HttpResponse.json(body, { status: 200, headers });
}
