import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { messageOf } from '@lbx/example-shared';
import type { AppContext } from '../app-context';
import { jsonResponse } from '../openapi-responses';
import { Health, HealthDetails } from '../schemas';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: 'Liveness: always `{"status": "healthy"}` while the process serves requests',
  responses: { 200: jsonResponse('Alive', Health) },
});

const details = createRoute({
  method: 'get',
  path: '/health/details',
  tags: ['health'],
  summary: 'Version, mapping-store reachability, sync availability, cache and job counts',
  responses: {
    200: jsonResponse('Healthy', HealthDetails),
    503: jsonResponse('Degraded: the mapping store cannot be read', HealthDetails),
  },
});

export function registerHealthRoutes(app: OpenAPIHono, ctx: AppContext): void {
  app.openapi(health, (c) => c.json({ status: 'healthy' as const }, 200));

  app.openapi(details, async (c) => {
    let store: { reachable: boolean; mappings: number | null; error: string | null };
    try {
      const all = await ctx.runtime.store.all();
      store = { reachable: true, mappings: Object.keys(all).length, error: null };
    } catch (error) {
      store = { reachable: false, mappings: null, error: messageOf(error) };
    }
    const body = {
      status: store.reachable ? ('healthy' as const) : ('degraded' as const),
      version: ctx.version,
      uptime_seconds: Math.round((ctx.now() - ctx.startedAt) / 1000),
      store,
      sync: { available: ctx.runtime.unavailableReason === null, reason: ctx.runtime.unavailableReason },
      exports: { enabled: ctx.runtime.exportDir !== null },
      cache: { entries: ctx.cache.size(), ttl_seconds: ctx.config.cacheTtlSeconds },
      jobs: await ctx.jobs.stats(),
    };
    return store.reachable ? c.json(body, 200) : c.json(body, 503);
  });
}
