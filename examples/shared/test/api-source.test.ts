import { createFakeLetterboxdApi } from '@lbx/testkit';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commonEnvShape, createLogger, createSyncRuntime, syncMembers, toCommonConfig } from '@lbx/example-shared';
import { otto, rita } from './support/members';
import { fakeSitesEnv, useSiteFakes } from './support/fake-sites';

const API = 'https://api.letterboxd.test/api/v0';
const fakes = useSiteFakes({ tempPrefix: 'lbx-api-source-' });
const api = createFakeLetterboxdApi({ baseUrl: API, members: [rita, otto], clientSecret: 'op3rator-secret-value' });
beforeEach(() => {
  api.reset();
  fakes.msw.use(...api.handlers);
});

function runtimeFor(env: Record<string, string>) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  const config = toCommonConfig(z.object(commonEnvShape).parse({ ...fakeSitesEnv(fakes), ...env }));
  return { runtime: createSyncRuntime(config, { logger }), config, lines };
}

const credentials = {
  LETTERBOXD_API_CLIENT_ID: api.credentials.clientId,
  LETTERBOXD_API_CLIENT_SECRET: api.credentials.clientSecret,
  LETTERBOXD_API_BASE_URL: API,
};

describe('LETTERBOXD_API_CLIENT_ID / _SECRET', () => {
  it('make the official API the source: provenance "api", no request to the site, the secret never logged', async () => {
    const { runtime, config, lines } = runtimeFor(credentials);
    const [outcome] = await syncMembers(['reel_rita'], runtime, { sync: config.sync });
    expect(outcome).toMatchObject({ username: 'reel_rita', status: 'synced', source: 'api' });
    expect(outcome?.matchedFilms.every((film) => film.via === 'source')).toBe(true);
    expect(fakes.lb.requests).toEqual([]);
    expect(api.requests.map((r) => r.path)).toEqual(['/auth/token', '/search', '/films']);
    expect(lines.join('\n')).not.toContain('op3rator-secret-value');
  });

  it('a member the API does not know fails with the API\'s message; without credentials the site is scraped', async () => {
    const { runtime, config } = runtimeFor(credentials);
    api.optOut('otto_o');
    const [failed] = await syncMembers(['otto_o'], runtime, { sync: config.sync });
    expect(failed).toMatchObject({ status: 'failed', source: 'api' });
    expect(failed?.error).toMatch(/opted out of the API/);

    const scraping = runtimeFor({ LETTERBOXD_API_CLIENT_ID: 'only-the-id' });
    expect(scraping.config.letterboxdApi).toBeNull();
    const [scraped] = await syncMembers(['reel_rita'], scraping.runtime, { sync: scraping.config.sync });
    expect(scraped).toMatchObject({ status: 'synced', source: 'letterboxd' });
  });
});
