import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'tsup';
import { exampleBundle } from '../shared/tsup.bundle';

/** The pinned Swagger UI files `/docs` serves (src/docs-ui.ts reads them from `dist/swagger-ui/` in the bundle). */
const SWAGGER_UI_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE', 'NOTICE'];

/** Production bundle for the Docker image (see ../shared/tsup.bundle.ts), plus the docs UI's static files. */
export default defineConfig({
  ...exampleBundle('server'),
  async onSuccess() {
    const from = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    const to = join('dist', 'swagger-ui');
    await mkdir(to, { recursive: true });
    for (const file of SWAGGER_UI_FILES) await copyFile(join(from, file), join(to, file));
  },
});
