import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { messageOf, saveExport } from '@lbx/example-shared';
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

    await saveExport(dir, username, bytes);
    ctx.logger.info('data export stored', { user: username, bytes: bytes.byteLength });
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
      },
      201,
    );
  });
}
