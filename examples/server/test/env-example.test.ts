import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadServerConfig, serverEnvSchema } from '../src/config';

/** The repository's `.env.example`, as a self-hoster copies it to `.env`. */
const text = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
const documented = new Set([...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));

describe('.env.example', () => {
  it('documents every variable the server reads', () => {
    const missing = Object.keys(serverEnvSchema.shape).filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('is a valid server configuration as copied', () => {
    const env = { ...parseEnv(text), CRON_TARGET_USERS: 'alice' };
    expect(() => loadServerConfig(env)).not.toThrow();
  });
});
