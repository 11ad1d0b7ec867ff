import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';

/** The Swagger UI files served under `/docs/`, with their content types. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

/** Starts Swagger UI on `openapi.json` (a file, not an inline script, so the CSP needs no `unsafe-inline`). */
const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', validatorUrl: null, deepLinking: true });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>lbx server – API docs</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script src="docs/swagger-initializer.js"></script>
</body>
</html>
`;

/**
 * Where the pinned `swagger-ui-dist` files are: a `swagger-ui/` folder next to this module in the production
 * bundle (copied by `tsup.config.ts`), else the installed package.
 */
function assetDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundled = join(here, 'swagger-ui');
  if (existsSync(join(bundled, 'swagger-ui-bundle.js'))) return bundled;
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/**
 * `GET /docs`: Swagger UI for `/openapi.json`, every file served from this origin (the pinned `swagger-ui-dist`
 * package; no CDN), so it works offline and under the server's Content-Security-Policy.
 */
export function registerDocsUi(app: OpenAPIHono): void {
  const cache = new Map<string, Promise<ArrayBuffer>>();
  const load = (name: string) => {
    let file = cache.get(name);
    if (file === undefined) {
      file = readFile(join(assetDir(), name)).then(
        (bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
        (error: unknown) => {
          cache.delete(name);
          throw error;
        },
      );
      cache.set(name, file);
    }
    return file;
  };
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/swagger-initializer.js', (c) =>
    c.body(INITIALIZER, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }),
  );
  for (const [name, type] of Object.entries(ASSETS)) {
    app.get(`/docs/${name}`, async (c) =>
      c.body(await load(name), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' }),
    );
  }
}
