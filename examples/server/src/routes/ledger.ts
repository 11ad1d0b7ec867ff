import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { readLedger } from '@lbx/sync';
import type { AppContext } from '../app-context';
import { requireBearer } from '../auth';
import { BEARER_ERRORS, errorResponses, jsonResponse } from '../openapi-responses';
import { ProvenanceJson, provenanceToJson as provenance } from '../provenance-json';
import { UsernameParams } from '../schemas';

const MemberLedgerJson = z
  .object({
    username: z.string(),
    exported_at: z.string().nullable().openapi({ description: 'Date of the newest data export applied.' }),
    last_feed_entry_at: z.string().nullable().openapi({ description: 'Publication time of the newest RSS entry applied.' }),
    feed_read_at: z.string().nullable().openapi({ description: 'When the RSS feed was last read successfully.' }),
    films_count: z.number(),
    top_rated_count: z.number().openapi({ description: 'Films both rated and liked (what the sync puts on the list).' }),
    films: z.array(
      z.object({
        title: z.string(),
        year: z.number().nullable(),
        slug: z.string().nullable(),
        export_key: z.string().nullable(),
        tmdb_id: z.number().nullable(),
        media_type: z.enum(['movie', 'tv']).nullable(),
        rating: z.number().nullable(),
        liked: z.union([z.boolean(), z.literal('unknown')]),
        rating_source: ProvenanceJson,
        liked_source: ProvenanceJson,
      }),
    ),
  })
  .openapi('MemberLedger');

export function registerLedgerRoutes(app: OpenAPIHono, ctx: AppContext): void {
  const route = createRoute({
    method: 'get',
    path: '/users/{username}/ledger',
    tags: ['users'],
    summary: "A member's film ledger: per film the rating, the like and where each came from, and how fresh it is",
    security: [{ bearerAuth: [] }],
    middleware: [requireBearer(ctx.config.apiToken)] as const,
    request: { params: UsernameParams },
    responses: {
      200: jsonResponse('The ledger (empty before the first export or feed read)', MemberLedgerJson),
      ...errorResponses({ ...BEARER_ERRORS, 500: 'The ledger could not be read (e.g. a corrupt ledger file)' }),
    },
  });

  app.openapi(route, async (c) => {
    const { username } = c.req.valid('param');
    const ledger = await readLedger(username, { store: ctx.runtime.store });
    return c.json(
      {
        username: ledger.username,
        exported_at: ledger.exportedAt,
        last_feed_entry_at: ledger.lastFeedEntryAt,
        feed_read_at: ledger.feedReadAt,
        films_count: ledger.films.length,
        top_rated_count: ledger.films.filter((film) => film.rating !== null && film.liked === true).length,
        films: ledger.films.map((film) => ({
          title: film.title,
          year: film.year,
          slug: film.slug,
          export_key: film.exportKey,
          tmdb_id: film.tmdb?.id ?? null,
          media_type: film.tmdb?.type ?? null,
          rating: film.rating,
          liked: film.liked,
          rating_source: provenance(film.provenance.rating),
          liked_source: provenance(film.provenance.liked),
        })),
      },
      200,
    );
  });
}
