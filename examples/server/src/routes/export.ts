import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { messageOf, saveExport, seedFromStoredExport } from '@lbx/example-shared';
import { readLedger } from '@lbx/sync';
import { readExport } from '@lbx/letterboxd';
import { normalizeUsername } from '@lbx/sync';
import { bodyLimit } from 'hono/body-limit';
import type { AppContext } from '../app-context';
import { requireBearer } from '../auth';
import { validationError } from '../http-errors';
import { BEARER_ERRORS, errorResponses, jsonResponse } from '../openapi-responses';
import { ExportStored, UsernameParams } from '../schemas';

/** Largest accepted upload: 50 MB (a heavy member's export is a few MB). */
export const MAX_EXPORT_BYTES = 50 * 1024 * 1024;

const RAW_ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed', 'application/octet-stream']);

export function registerExportRoutes(app: OpenAPIHono, ctx: AppContext): void {
  const route = createRoute({
    method: 'post',
    path: '/users/{username}/export',
    tags: ['users'],
    summary: "Upload a member's Letterboxd data export (ZIP); syncs of this member then read it instead of the site",
    security: [{ bearerAuth: [] }],
    middleware: [
      requireBearer(ctx.config.apiToken),
      bodyLimit({
        maxSize: MAX_EXPORT_BYTES,
        onError: (c) =>
          c.json({ detail: `The upload is larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MB; that is not a Letterboxd export.` }, 413),
      }),
    ] as const,
    request: {
      params: UsernameParams,
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
        413: 'Larger than 50 MB',
        415: 'Neither multipart/form-data nor a ZIP body',
        422: "Not a readable Letterboxd export, or another member's",
        503: 'Exports are not enabled (LETTERBOXD_EXPORT_DIR is unset)',
      }),
    },
  });

  app.openapi(route, async (c) => {
    const { username } = c.req.valid('param');
    const dir = ctx.runtime.exportDir;
    if (dir === null) {
      return c.json({ detail: 'Export uploads are disabled: set LETTERBOXD_EXPORT_DIR to a writable directory.' }, 503);
    }
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

    let data: Awaited<ReturnType<typeof readExport>>;
    try {
      data = await readExport(bytes, { maxZipBytes: MAX_EXPORT_BYTES });
    } catch (error) {
      return validationError(c, [
        {
          loc: ['body'],
          msg: `Not a readable Letterboxd data export: ${messageOf(error)}`,
          type: 'invalid_export',
        },
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

    if (data.likes === null) {
      return validationError(c, [
        {
          loc: ['body'],
          msg: 'This export has no likes/films.csv (exports made before 2023 lack it), so liked films are unknown: download a fresh export.',
          type: 'invalid_export',
        },
      ]);
    }

    // The ZIP's own name dates the export (`letterboxd-<user>-2026-05-03-18-29-utc.zip`); else the upload does.
    await saveExport(dir, username, bytes, { modifiedAt: exportTimeOf(fileName) });
    ctx.logger.info('data export stored', { user: username, bytes: bytes.byteLength });
    let ledger: { films: number; exported_at: string } | null = null;
    if (ctx.runtime.store.ledger) {
      try {
        await seedFromStoredExport(ctx.runtime.store, dir, username);
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
