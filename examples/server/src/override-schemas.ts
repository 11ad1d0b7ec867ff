import { z } from '@hono/zod-openapi';

/** Request and response shapes of the match-override and TMDb search routes. */

export const OverrideParams = z.object({
  key: z
    .string()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .regex(/^[^\s\p{Cc}]+$/u, 'must not contain spaces or control characters')
    .openapi({
      param: { name: 'key', in: 'path' },
      example: 'the-thing',
      description:
        "The film's Letterboxd slug, or its export key (boxd:…) for a film only a data export knows: the slug of " +
        'matched_films and not_matched.',
    }),
});

export const OverrideRequest = z
  .union([
    z.strictObject({
      tmdb_id: z.number().int().positive().max(2_147_483_647).openapi({ example: 1091, description: 'TMDb id of the movie or series.' }),
      media_type: z.enum(['movie', 'tv']).openapi({ description: 'Whether tmdb_id is a movie or a TV series.' }),
    }),
    z.strictObject({ exclude: z.literal(true).openapi({ description: 'Leave the film out of every list.' }) }),
  ])
  .openapi('OverrideRequest', {
    description: 'A pin ({ tmdb_id, media_type }, checked on TMDb first) or an exclusion ({ exclude: true }). Unknown keys are refused (422).',
  });

export const OverrideJson = z
  .object({
    key: z.string(),
    kind: z.enum(['pin', 'exclude']),
    tmdb_id: z.number().int().nullable(),
    media_type: z.enum(['movie', 'tv']).nullable(),
    title: z.string().nullable().openapi({ description: "TMDb's title or series name when the pin was set; null for an exclusion." }),
    year: z.number().int().nullable(),
    set_at: z.string().openapi({ description: 'When the override was set (ISO 8601).' }),
  })
  .openapi('Override');

export const OverrideList = z.object({ overrides: z.array(OverrideJson) }).openapi('OverrideList');

export const TmdbSearchQuery = z.object({
  query: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').openapi({ example: 'The Thing' }),
  year: z.coerce.number().int().min(1870).max(2100).optional().openapi({ description: 'Release (first air) year.' }),
});

export const TmdbCandidate = z
  .object({
    tmdb_id: z.number().int(),
    media_type: z.enum(['movie', 'tv']),
    title: z.string(),
    year: z.number().int().nullable(),
    poster_path: z
      .string()
      .nullable()
      .openapi({ description: "TMDb's poster path (/abc.jpg), or null: the image is https://image.tmdb.org/t/p/w92{poster_path}." }),
  })
  .openapi('TmdbCandidate');

export const TmdbSearchResult = z
  .object({ results: z.array(TmdbCandidate) })
  .openapi('TmdbSearchResult', { description: 'Movies first, then series, each in TMDb order, at most 10 of each.' });
