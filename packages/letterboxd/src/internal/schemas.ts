/**
 * Minimal zod schemas at the parsing edge: a record the parser assembled must satisfy them before it leaves the
 * package, and a failure becomes a `LetterboxdParseError` naming the field.
 */
import { z } from 'zod';

const slug = z.string().regex(/^[^\s/?#]+$/, 'a slug without slashes or spaces');
const absoluteUrl = z.string().regex(/^https?:\/\/[^\s]+\/$/, 'an absolute URL ending in /');
const year = z.number().int().min(1870).max(2200).nullable();

export const filmSchema = z.object({
  slug,
  title: z.string().min(1),
  year,
  url: absoluteUrl,
  rating: z.number().min(0.5).max(5).multipleOf(0.5).nullable(),
  liked: z.boolean().nullable(),
  filmId: z.string().regex(/^\d+$/).nullable(),
});

export const filmDetailsSchema = z.object({
  slug,
  title: z.string().min(1),
  year,
  url: absoluteUrl,
  tmdb: z.object({ id: z.number().int().positive(), type: z.enum(['movie', 'tv']) }).nullable(),
  imdbId: z.string().regex(/^tt\d+$/).nullable(),
  directors: z.array(z.string().min(1)),
});

const count = z.number().int().nonnegative().nullable();

export const profileSchema = z.object({
  username: z.string().min(1),
  displayName: z.string().min(1),
  bio: z.string().min(1).nullable(),
  avatarUrl: z.string().url().nullable(),
  url: absoluteUrl,
  stats: z.object({ filmsWatched: count, filmsThisYear: count, lists: count, following: count, followers: count }),
});

/** JSON-LD of a film page: only the fields we read. */
export const filmJsonLdSchema = z.object({
  name: z.string().optional(),
  director: z.array(z.object({ name: z.string() })).optional(),
  releasedEvent: z.array(z.object({ startDate: z.string() })).optional(),
});

/** Describes the first issue of a failed parse in a few words for a `LetterboxdParseError`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid data';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'record';
  return `${path}: ${issue.message}`;
}
