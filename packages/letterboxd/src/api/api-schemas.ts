/**
 * Minimal zod schemas of the Letterboxd API v0 answers lbx reads (extra fields are tolerated). A body that does
 * not match becomes a `LetterboxdParseError` naming the field — never a network error, never an empty result.
 */
import { z } from 'zod';
import { LetterboxdParseError } from '../errors.js';
import { describeIssue } from '../internal/schemas.js';

/** `POST /auth/token` (client credentials). `token_type` is compared case-insensitively by the caller. */
export const tokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().min(1),
  expires_in: z.number().positive().optional(),
});

/** An OAuth error body: `{ error, error_description }` (RFC 6749) or `{ error, errorDescription }` (older API docs). */
export const oauthErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  errorDescription: z.string().optional(),
});

/** `ErrorResponse` of every other endpoint. */
export const apiErrorSchema = z.object({ message: z.string() });

const memberSummary = z.object({ id: z.string().min(1), username: z.string().min(1) });

/** `SearchResponse` restricted to member items. */
export const memberSearchSchema = z.object({
  items: z.array(z.object({ type: z.string(), member: memberSummary.optional() })),
});

const link = z.object({ type: z.string(), id: z.string().optional(), url: z.string().optional() });

const relationship = z.object({
  member: z.object({ id: z.string() }),
  relationship: z.object({
    liked: z.boolean().optional(),
    rating: z.number().min(0.5).max(5).nullable().optional(),
  }),
});

/** `FilmSummary`: identity, links (TMDb/IMDb ids) and the members' relationships; `rating` is the community's. */
export const filmSummarySchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  releaseYear: z.number().int().nullable().optional(),
  link: z.string().optional(),
  links: z.array(link).optional(),
  relationships: z.array(relationship).optional(),
});

/** A paged answer: `items` plus `next` (the cursor of the following page), absent on the last page. */
function paged<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().min(1).nullable().optional() });
}

/** `FilmsResponse` (`/films`, `/member/{id}/watchlist`). */
export const filmsResponseSchema = paged(filmSummarySchema);

/** `ListsResponse` (`/lists`). */
export const listsResponseSchema = paged(z.object({ id: z.string().min(1), name: z.string() }));

/** `List` (`/list/{id}`): the letterboxd.com URL in `links` carries the slug. */
export const listSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  ranked: z.boolean().optional(),
  filmCount: z.number().int().nonnegative().optional(),
  description: z.string().nullable().optional(),
  owner: memberSummary,
  links: z.array(link).optional(),
});

/** `ListEntriesResponse` (`/list/{id}/entries`). */
export const listEntriesResponseSchema = paged(
  z.object({
    rank: z.number().int().positive().nullable().optional(),
    // `film` today; announced to become `production`: either is read.
    film: filmSummarySchema.optional(),
    production: filmSummarySchema.optional(),
  }),
);

export type FilmSummary = z.infer<typeof filmSummarySchema>;

/** Parses `body` with `schema`, or throws a `LetterboxdParseError` naming the field (the API changed shape). */
export function parseApi<T>(schema: z.ZodType<T>, body: unknown, url: string, page: string, username?: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new LetterboxdParseError({ url, username, page, detail: describeIssue(parsed.error) });
}
