import { z } from '@hono/zod-openapi';
import { ProvenanceJson } from './provenance-json';

/** A Letterboxd username, as the path and the sync body accept it. */
export const Username = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "_" and "-"')
  .openapi({ example: 'alice' });

export const UsernameParams = z.object({
  username: Username.openapi({ param: { name: 'username', in: 'path' } }),
});

export const JobParams = z.object({
  job_id: z.string().min(1).max(100).openapi({ param: { name: 'job_id', in: 'path' } }),
});

const pagingShape = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ description: 'Keep only the first N films after sorting (1–1000).' }),
  page: z.coerce.number().int().min(1).default(1).openapi({ description: 'Page number, from 1.' }),
  page_size: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: 'Films per page (1–100).' }),
};

export const WatchlistQuery = z.object({
  ...pagingShape,
  sort_by: z.enum(['title', 'year']).default('title'),
  sort_order: z.enum(['asc', 'desc']).default('asc'),
});

export const TopRatedQuery = z.object({
  ...pagingShape,
  limit: pagingShape.limit.openapi({
    description: "Keep the member's best N films by rating (1–1000), then sort them: the same films a sync with that limit takes.",
  }),
  sort_by: z.enum(['rating', 'title', 'year']).default('rating'),
  sort_order: z.enum(['asc', 'desc']).default('desc'),
});

export const ErrorBody = z
  .object({
    detail: z.union([
      z.string(),
      z.array(z.object({ loc: z.array(z.union([z.string(), z.number().int()])), msg: z.string(), type: z.string() })),
    ]),
  })
  .openapi('Error');

export const Health = z.object({ status: z.literal('healthy') }).openapi('Health');

export const HealthDetails = z
  .object({
    status: z.enum(['healthy', 'degraded']),
    version: z.string(),
    uptime_seconds: z.number().int(),
    store: z.object({ reachable: z.boolean(), mappings: z.number().int().nullable(), error: z.string().nullable() }),
    sync: z.object({ available: z.boolean(), reason: z.string().nullable() }),
    exports: z.object({ enabled: z.boolean() }),
    cache: z.object({ entries: z.number().int(), ttl_seconds: z.number().int() }),
    jobs: z.object({ queued: z.number().int(), running: z.number().int() }),
  })
  .openapi('HealthDetails');

export const UserProfile = z
  .object({
    username: z.string(),
    display_name: z.string(),
    bio: z.string().nullable(),
    stats: z.object({
      films_watched: z.number().int().nullable(),
      lists: z.number().int().nullable(),
      following: z.number().int().nullable(),
      followers: z.number().int().nullable(),
    }),
    url: z.string(),
  })
  .openapi('UserProfile');

const pageShape = {
  films_count: z.number().int().openapi({ description: 'Films on this page.' }),
  page: z.number().int(),
  page_size: z.number().int(),
  total_pages: z.number().int(),
  has_next: z.boolean(),
  has_previous: z.boolean(),
};

export const Watchlist = z
  .object({
    username: z.string(),
    total_watchlist: z.number().int().openapi({ description: 'Films in the watchlist (after `limit`).' }),
    ...pageShape,
    films: z.array(z.object({ title: z.string(), year: z.number().int().nullable(), url: z.string() })),
  })
  .openapi('Watchlist');

export const TopRated = z
  .object({
    username: z.string(),
    source: z
      .enum(['letterboxd', 'export', 'ledger', 'api'])
      .openapi({ description: 'Which source answered: the site, the stored data export, or the film ledger (export + RSS feed).' }),
    total_rated: z.number().int().openapi({ description: 'Films both rated and liked (after `limit`).' }),
    ...pageShape,
    films: z.array(
      z.object({
        title: z.string(),
        slug: z.string(),
        year: z.number().int().nullable(),
        rating: z.number().nullable().openapi({ description: 'The member\'s rating, 0.5–5.0 stars.' }),
        url: z.string(),
      }),
    ),
  })
  .openapi('TopRated');

/** A list definition id of `LBX_LISTS_FILE`, as `GET /lists` shows it. */
export const ListId = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .openapi({ example: 'alice/watchlist' });

export const SyncRequest = z
  .strictObject({
    usernames: z
      .array(Username)
      .max(100, 'must list at most 100 usernames')
      .default([])
      .openapi({ description: "Members whose top-rated films to sync, each to their own TMDb list." }),
    lists: z
      .array(ListId)
      .max(100, 'must list at most 100 list definition ids')
      .default([])
      .openapi({ description: 'List definitions of LBX_LISTS_FILE to sync, by id (see GET /lists).' }),
    dry_run: z.boolean().default(false).openapi({
      description: 'Plan only: read everything, write nothing to TMDb; the results say what would change.',
    }),
    force: z.boolean().default(false).openapi({
      description:
        'Apply the sync even when a safety valve refuses it (an empty list, or removing more than half of the list).',
    }),
  })
  .refine((body) => body.usernames.length > 0 || body.lists.length > 0, {
    path: ['usernames'],
    message: 'must list at least one username (or list definition ids in "lists")',
  })
  .openapi('SyncRequest', {
    description: 'At least one username or list id. Unknown keys are refused (422), so a misspelt option never goes unnoticed.',
  });

export const SyncStarted = z
  .object({
    message: z.string(),
    usernames: z.array(z.string()),
    lists: z
      .array(z.string())
      .optional()
      .openapi({ description: 'The list definition ids the job syncs; absent when the request named none (the original response).' }),
    job_started: z.literal(true),
    job_id: z.string(),
    dry_run: z.boolean(),
    force: z.boolean(),
  })
  .openapi('SyncStarted');

const Filters = z
  .object({
    min_rating: z.number().nullable(),
    max_rating: z.number().nullable(),
    year_from: z.number().int().nullable(),
    year_to: z.number().int().nullable(),
    limit: z.number().int().nullable(),
    exclude_tv: z.boolean(),
  })
  .openapi({ description: 'The films kept: rating range (stars), release years, at most `limit` items, TV left out or not.' });

export const ListDefinitionJson = z
  .object({
    id: z.string().openapi({ description: 'The id to sync it by (POST /jobs/sync-tmdb {"lists": [id]}) and its mapping key.' }),
    source: z.enum(['top-rated', 'watchlist', 'liked', 'rated', 'list']),
    member: z.string().openapi({ description: "The Letterboxd member (for a list: its owner)." }),
    slug: z.string().nullable().openapi({ description: 'The list slug, for source "list".' }),
    filters: Filters,
    order: z.enum(['source', 'rating', 'year', 'title']),
    direction: z.enum(['asc', 'desc']).nullable().openapi({ description: 'null: the default of the order.' }),
    list_name: z.string().openapi({ description: 'The TMDb list the definition keeps (found by name, else created).' }),
    tmdb_list_id: z.number().int().nullable().openapi({ description: 'The TMDb list id once a sync mapped it, else null.' }),
  })
  .openapi('ListDefinition');

export const ListDefinitions = z
  .object({
    file: z.string().nullable().openapi({ description: 'LBX_LISTS_FILE, or null when no definitions file is set.' }),
    lists: z.array(ListDefinitionJson),
  })
  .openapi('ListDefinitions');

export const MatchedFilmJson = z
  .object({
    title: z.string(),
    year: z.number().int().nullable(),
    slug: z.string(),
    rating: z.number().nullable().openapi({ description: "The member's rating on the 5-star scale, or null." }),
    tmdb_id: z.number().int().openapi({ description: 'TMDb id of the movie or TV show.' }),
    media_type: z.enum(['movie', 'tv']),
    via: z.enum(['source', 'cache', 'film-page', 'search', 'override']).openapi({
      description:
        'Where the TMDb id came from: the source itself (RSS), the film cache, the Letterboxd film page, a TMDb lookup, ' +
        'or a match override (PUT /overrides/{key}).',
    }),
    method: z
      .enum(['tmdb-id', 'imdb-id', 'search-exact', 'search-fuzzy', 'override'])
      .nullable()
      .openapi({
        description:
          'How exact the match is: an id (tmdb-id, imdb-id), a title + year search with one exact hit (search-exact) ' +
          'or a scored search, e.g. the year off by one (search-fuzzy); override: pinned by an operator. null: cached before ' +
          'methods were recorded.',
      }),
    rating_source: ProvenanceJson.openapi({ description: 'Where the rating came from (the ledger source says; else null).' }),
    liked_source: ProvenanceJson.openapi({ description: 'Where the like came from (the ledger source says; else null).' }),
  })
  .openapi('MatchedFilm');

export const MemberResult = z
  .object({
    username: z.string().openapi({ description: "The member (for a list definition of a member's list: its owner)." }),
    definition_id: z
      .string()
      .nullable()
      .openapi({ description: "The list definition's id for a result of `lists`; null for a member's top-rated list from `usernames`." }),
    status: z.enum(['synced', 'unchanged', 'refused', 'failed', 'skipped']),
    source: z
      .enum(['export', 'letterboxd', 'ledger', 'api'])
      .nullable()
      .openapi({ description: 'Which source answered: the site, the stored export, or the film ledger (export + RSS feed).' }),
    source_notes: z
      .array(z.string())
      .openapi({ description: 'About the source: a fallback to the ledger after a refused scrape, an RSS feed that could not be read, …' }),
    list_id: z.number().int().nullable(),
    list_created: z.boolean(),
    films_found: z.number().int(),
    matched: z.number().int(),
    matched_films: z.array(MatchedFilmJson).openapi({ description: 'The matched films, in list order.' }),
    added: z.number().int(),
    removed: z.number().int(),
    reordered: z.number().int().openapi({ description: "Items removed and re-added to restore the member's order." }),
    not_matched: z.array(
      z.object({
        slug: z.string().openapi({ description: 'The film key a match override takes (PUT /overrides/{key}).' }),
        title: z.string(),
        year: z.number().int().nullable(),
        reason: z.string().nullable().openapi({ description: 'no-match, film-page-failed, rejected-by-tmdb or excluded-by-override.' }),
      }),
    ),
    dry_run: z.boolean(),
    error: z.string().nullable(),
    duration_ms: z.number().int(),
  })
  .openapi('MemberResult');

export const JobState = z
  .object({
    job_id: z.string(),
    status: z.enum(['queued', 'running', 'completed', 'partial', 'failed', 'cancelled']).openapi({
      description: 'partial: some members failed and others did not; failed: every member failed.',
    }),
    usernames: z.array(z.string()),
    lists: z.array(z.string()),
    dry_run: z.boolean(),
    force: z.boolean(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    summary: z.object({
      total: z.number().int(),
      synced: z.number().int(),
      unchanged: z.number().int(),
      refused: z.number().int(),
      failed: z.number().int(),
      skipped: z.number().int(),
    }),
    results: z.array(MemberResult),
  })
  .openapi('JobState');

export const ExportStored = z
  .object({
    username: z.string(),
    stored: z.literal(true),
    bytes: z.number().int(),
    owner: z.enum(['profile.csv', 'trust_owner']).openapi({
      description:
        "How the export was tied to the member: its profile.csv names them, or the operator vouched for it (?trust_owner=true).",
    }),
    counts: z.object({
      watched: z.number().int(),
      ratings: z.number().int(),
      likes: z.number().int(),
      watchlist: z.number().int(),
      diary: z.number().int(),
      lists: z.number().int(),
    }),
    ledger: z
      .object({ films: z.number().int(), exported_at: z.string() })
      .nullable()
      .openapi({ description: "The member's film ledger after the export seeded it; `null` when it could not be seeded (see the log)." }),
  })
  .openapi('ExportStored');

export const SyncPreviewQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional().openapi({
    description: "The member's best N films by rating (1–1000). Default: the server's TMDB_SYNC_LIMIT.",
  }),
  sort_by: z.enum(['rating', 'title', 'year']).optional().openapi({
    description: "Order of those films in the list. Default: the server's TMDB_SYNC_SORT_BY.",
  }),
  sort_order: z.enum(['asc', 'desc']).optional().openapi({ description: "Default: the server's TMDB_SYNC_SORT_ORDER." }),
});

export const SyncPreview = MemberResult.extend({
  limit: z.number().int().int(),
  sort_by: z.enum(['rating', 'title', 'year']),
  sort_order: z.enum(['asc', 'desc']),
}).openapi('SyncPreview', {
  description:
    'What a sync of the member would do now, planned by the sync itself in a dry run: matched_films is the list it ' +
    'would write, in order, with how each film was matched; not_matched the films left out and why; status, ' +
    'added and removed what would change (refused: a safety valve would refuse it; error says how to force it).',
});
