import { defineConfig } from 'tsup';
import { exampleBundle } from '../shared/tsup.bundle';

/** Production bundle for the Docker image (see ../shared/tsup.bundle.ts). */
export default defineConfig(exampleBundle('cron'));
