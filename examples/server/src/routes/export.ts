import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  EXPORT_READ_LIMITS,
  ExportWorkerError,
  messageOf,
  parseExportInWorker,
  saveExport,
  saveParsedExport,
  seedFromStoredExport,
  storedExportsUsage,
} from '@lbx/example-shared';
import {
  LetterboxdExportTooLargeError,
  LetterboxdExportTooManyError,
  type LetterboxdExport,
} from '@lbx/letterboxd';
import { normalizeUsername, readLedger } from '@lbx/sync';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from '../app-context';
import { requireBearer } from '../auth';
import { validationError } from '../http-errors';
import { BEARER_ERRORS, errorResponses, jsonResponse } from '../openapi-responses';
import { ExportStored, UsernameParams } from '../schemas';
import { clientSignal } from '../client-signal';

const MIB = 1024 * 1024;

/** Uploads in this process that may parse or wait for their turn at once; one more answers 503. */
export const MAX_PENDING_UPLOADS = 3;

const ExportQuery = z.object({
  trust_owner: z
    .enum(['true', 'false'])
    .optional()
    .openapi({
      description:
        "Store an export without profile.csv (it does not show whose it is) under this username. Honoured only on a server with API_TOKEN (the upload carries it); without it such an export is refused (422 export_owner_unknown).",
    }),
});

const RAW_ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/octet-stream']);

/** A refusal with a typed body: `{ detail: [{ loc: ['body'], msg, type }] }`. */
function refusal<S extends 409 | 413>(c: Context, status: S, type: string, msg: string) {
  return c.json({ detail: [{ loc: ['body'], msg, type }] }, status);
}

export function registerExportRoutes(app: OpenAPIHono, ctx: AppContext): void {
  const limits = ctx.config.exports;
  const route = createRoute({
    method: 'post',
    path: '/users/{username}/export',
    tags: ['users'],
    summary: "Upload a member's Letterboxd data export (ZIP); syncs of this member then read it instead of the site",
    security: [{ bearerAuth: [] }],
    middleware: [
      requireBearer(ctx.config.apiToken),
      bodyLimit({
        maxSize: limits.maxUploadBytes,
        onError: (c) =>
          refusal(
            c,
            413,
            'upload_too_large',
            `The upload is larger than ${limits.maxUploadBytes / MIB} MiB (EXPORT_MAX_UPLOAD_MB); a Letterboxd export ZIP is a few MB.`,
          ),
      }),
    ] as const,
    request: {
      params: UsernameParams,
      query: ExportQuery,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
          },
          'application/zip': { schema: { type: 'string', format: 'binary' } },
        },
      },
    },
    responses: {
      201: jsonResponse('Stored', ExportStored),
      ...errorResponses({
        ...BEARER_ERRORS,
        409: 'The stored exports are at their cap (EXPORT_MAX_STORED, EXPORT_MAX_STORED_MB): delete old ones or raise it',
        413: 'Upload over EXPORT_MAX_UPLOAD_MB, or content over the read limits (CSV size, entries, rows, parser memory)',
        415: 'Neither multipart/form-data nor a ZIP body',
        422: "Not a readable Letterboxd export, another member's, or one that does not show whose it is",
        503: `Exports are not enabled (LETTERBOXD_EXPORT_DIR is unset), or ${MAX_PENDING_UPLOADS} uploads are already being read (Retry-After)`,
      }),
    },
  });

  // One upload at a time from its body to its ledger seeding: a parsed export is large in memory, so only one
  // is held at once; the others wait unread (MAX_PENDING_UPLOADS in all, then 503).
  let pending = 0;
  let turn: Promise<unknown> = Promise.resolve();
  app.openapi(route, async (c) => {
    const { username } = c.req.valid('param');
    const trustOwner = c.req.valid('query').trust_owner === 'true';
    const dir = ctx.runtime.exportDir;
    if (dir === null) {
      return c.json({ detail: 'Export uploads are disabled: set LETTERBOXD_EXPORT_DIR to a writable directory.' }, 503);
    }
    if (pending >= MAX_PENDING_UPLOADS) {
      return c.json(
        { detail: `${MAX_PENDING_UPLOADS} data exports are already being read, one at a time; retry in a few seconds.` },
        503,
        { 'Retry-After': '10' },
      );
    }
    pending += 1;
    const handled = turn.then(() => storeUpload(dir));
    turn = handled.catch(() => undefined);
    try {
      return await handled;
    } finally {
      pending -= 1;
    }

    async function storeUpload(dir: string) {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      let bytes: Uint8Array;
      let fileName: string | null = null;
      if (type === 'multipart/form-data') {
        let form: Awaited<ReturnType<typeof c.req.parseBody>>;
        try {
          form = await c.req.parseBody();
        } catch (error) {
          return validationError(c, [
            {
              loc: ['body'],
              msg: `The multipart/form-data body could not be read (${messageOf(error)}); attach the ZIP as the "file" field.`,
              type: 'multipart_invalid',
            },
          ]);
        }
        const file = form['file'];
        if (!(file instanceof File)) {
          return validationError(c, [{ loc: ['body', 'file'], msg: 'Attach the export ZIP as the "file" field.', type: 'missing' }]);
        }
        bytes = new Uint8Array(await file.arrayBuffer());
        fileName = file.name;
      } else if (RAW_ZIP_TYPES.has(type)) {
        bytes = new Uint8Array(await c.req.arrayBuffer());
      } else {
        return c.json(
          { detail: 'Send the export as multipart/form-data (field "file") or as a raw body with Content-Type: application/zip.' },
          415,
        );
      }
      if (bytes.byteLength === 0) {
        return validationError(c, [{ loc: ['body'], msg: 'The upload is empty.', type: 'missing' }]);
      }

      let data: LetterboxdExport;
      try {
        // Off the main thread, one at a time, with a heap limit: /health keeps answering meanwhile.
        data = await parseExportInWorker(bytes, {
          ...EXPORT_READ_LIMITS,
          maxZipBytes: limits.maxUploadBytes,
          memoryLimitMb: limits.parseMemoryMb,
          signal: clientSignal(c),
        });
      } catch (error) {
        if (error instanceof LetterboxdExportTooLargeError || error instanceof LetterboxdExportTooManyError) {
          return refusal(c, 413, 'export_too_large', `Refused: ${error.message}`);
        }
        if (error instanceof ExportWorkerError && error.reason === 'out-of-memory') {
          return refusal(c, 413, 'export_too_heavy', `Refused: ${error.message}`);
        }
        if (error instanceof ExportWorkerError || clientSignal(c).aborted) throw error;
        return validationError(c, [
          { loc: ['body'], msg: `Not a readable Letterboxd data export: ${messageOf(error)}`, type: 'invalid_export' },
        ]);
      }
      const owner = data.profile?.username;
      if (owner && normalizeUsername(owner) !== normalizeUsername(username)) {
        return validationError(c, [
          {
            loc: ['body'],
            msg: `This export belongs to ${JSON.stringify(owner)}, not ${JSON.stringify(username)}.`,
            type: 'export_owner_mismatch',
          },
        ]);
      }
      if (!owner && !(trustOwner && ctx.config.apiToken !== null)) {
        return validationError(c, [
          {
            loc: ['body'],
            msg:
              `This export has no profile.csv, so it does not show whose it is; it was not stored as ${JSON.stringify(username)}. ` +
              (ctx.config.apiToken === null
                ? 'Upload the untouched ZIP from https://letterboxd.com/settings/data/ (trust_owner=true is honoured only on a server with API_TOKEN).'
                : 'Upload the untouched ZIP from https://letterboxd.com/settings/data/, or, if you know it is theirs, upload it again with ?trust_owner=true.'),
            type: 'export_owner_unknown',
          },
        ]);
      }

      if (data.likes === null) {
        return validationError(c, [
          {
            loc: ['body'],
            msg: 'This export has no likes/films.csv (exports made before 2023 lack it), so liked films are unknown: download a fresh export.',
            type: 'invalid_export',
          },
        ]);
      }

      const usage = await storedExportsUsage(dir);
      const replaced = usage.bytesByMember.get(normalizeUsername(username));
      const exports = usage.exports + (replaced === undefined ? 1 : 0);
      // The parsed form takes about as much again as the ZIP's CSV text; count the ZIP twice as an estimate.
      const total = usage.bytes - (replaced ?? 0) + 2 * bytes.byteLength;
      if (exports > limits.maxStored || total > limits.maxStoredBytes) {
        return refusal(
          c,
          409,
          'export_storage_full',
          exports > limits.maxStored
            ? `The server already stores ${usage.exports} member exports, the most it keeps (EXPORT_MAX_STORED=${limits.maxStored}). ` +
                `Delete the exports of members no longer synced from ${dir}, or raise EXPORT_MAX_STORED.`
            : `Storing this export would take the stored exports to ${(total / MIB).toFixed(1)} MiB, over EXPORT_MAX_STORED_MB=` +
                `${limits.maxStoredBytes / MIB}. Delete old exports from ${dir}, or raise EXPORT_MAX_STORED_MB.`,
        );
      }

      // The ZIP's own name dates the export (`letterboxd-<user>-2026-05-03-18-29-utc.zip`); else the upload does.
      await saveExport(dir, username, bytes, { modifiedAt: exportTimeOf(fileName) });
      // Syncs (and the ledger seeding below) read the parsed form instead of parsing the ZIP again.
      await saveParsedExport(dir, username, bytes, data);
      ctx.logger.info('data export stored', { user: username, bytes: bytes.byteLength, owner: owner ? 'profile.csv' : 'trust_owner' });
      let ledger: { films: number; exported_at: string } | null = null;
      if (ctx.runtime.store.ledger) {
        try {
          await seedFromStoredExport(ctx.runtime.store, dir, username, data);
          const seeded = await readLedger(username, { store: ctx.runtime.store });
          ledger = { films: seeded.films.length, exported_at: seeded.exportedAt as string };
        } catch (error) {
          ctx.logger.warn('the data export could not seed the film ledger (the next sync tries again)', {
            user: username,
            error: messageOf(error),
          });
        }
      }
      return c.json(
        {
          username,
          stored: true as const,
          bytes: bytes.byteLength,
          owner: owner ? ('profile.csv' as const) : ('trust_owner' as const),
          counts: {
            watched: data.watched.length,
            ratings: data.ratings.length,
            likes: data.likes.length,
            watchlist: data.watchlist.length,
            diary: data.diary.length,
            lists: data.lists.length,
          },
          ledger,
        },
        201,
      );
    }
  });
}

/** The time in Letterboxd's export file name (`letterboxd-<user>-YYYY-MM-DD-HH-MM-utc.zip`), or `undefined`. */
function exportTimeOf(name: string | null): Date | undefined {
  const match = /-(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-utc\.zip$/i.exec(name ?? '');
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const time = Date.UTC(y, mo - 1, d, h, mi);
  return Number.isFinite(time) && time <= Date.now() ? new Date(time) : undefined;
}
