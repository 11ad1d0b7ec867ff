import { existsSync } from 'node:fs';

/**
 * Load `path` (default `.env` in the working directory) into `process.env` when the file exists, with
 * Node's own parser (`process.loadEnvFile`, Node ≥ 20.12). Variables already set in the environment win.
 * Returns whether a file was loaded.
 */
export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  process.loadEnvFile(path);
  return true;
}
