import { z } from '@hono/zod-openapi';
import type { Provenance } from '@lbx/sync';

/** Where a film's rating or like came from, as the ledger and the sync results show it (snake_case). */
export const ProvenanceJson = z
  .object({
    source: z.enum(['export', 'rss', 'scrape', 'api']),
    observed_at: z.string().openapi({ description: "When the fact held: the export's date, the feed entry's publication time, the read time." }),
    guid: z.string().nullable().openapi({ description: 'The RSS entry that set it (rss only).' }),
  })
  .nullable()
  .openapi('LedgerProvenance');

/** A {@link Provenance} as JSON, or `null`. */
export function provenanceToJson(value: Provenance | null | undefined) {
  return value == null ? null : { source: value.source, observed_at: value.observedAt, guid: value.source === 'rss' ? value.guid : null };
}
