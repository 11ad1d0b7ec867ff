import { isIP } from 'node:net';
import {
  EXPORT_PARSE_MEMORY_MB,
  commonEnvShape,
  envInt,
  envString,
  parseEnv,
  toCommonConfig,
  type CommonConfig,
  type Env,
} from '@lbx/example-shared';
import { z } from 'zod';
import { BEARER_TOKEN_PATTERN } from './auth';

const MIB = 1024 * 1024;

/** Shortest accepted `API_TOKEN`: a bearer token is only as strong as it is long. */
export const MIN_API_TOKEN_LENGTH = 16;

/** Everything the HTTP server reads from its environment. */
export interface ServerConfig extends CommonConfig {
  /** `HOST`, default `127.0.0.1`. A non-loopback address requires `apiToken`. */
  host: string;
  /** `PORT`, default 8000 (0 picks a free port). */
  port: number;
  /** `API_TOKEN`: the bearer token POST endpoints require, or `null` (then only loopback binds are allowed). */
  apiToken: string | null;
  /** `CACHE_TTL`: seconds a Letterboxd read is served from memory, default 600; 0 disables the cache. */
  cacheTtlSeconds: number;
  /** `RADARR_KEY`: the `?key=` the `/radarr/…` lists require, or `null` (no key: Radarr cannot send a bearer token). */
  radarrKey: string | null;
  /**
   * `ALLOWED_HOSTS`: extra host names (no port) the server answers to, lower-cased. Without `API_TOKEN` the
   * server answers only to localhost, 127.0.0.1, ::1, `HOST` and these; with a token, the check applies only
   * when this is set. Also accepted as the `Origin` of state-changing browser requests.
   */
  allowedHosts: string[];
  /** Read endpoints: Letterboxd read queue bound and per-client rate limit. */
  reads: {
    /** `READ_QUEUE_MAX` (default 20): Letterboxd reads that may wait for a slot of the read client; more answer 503. */
    maxQueue: number;
    /** `RATE_LIMIT_READS_PER_MINUTE` (default 120): read requests per client address and minute; 0 = no limit. */
    perMinute: number;
  };
  /** Data-export upload limits (`EXPORT_MAX_*`). */
  exports: {
    /** `EXPORT_MAX_UPLOAD_MB` (default 16, at most 32): largest accepted upload, in bytes. */
    maxUploadBytes: number;
    /** `EXPORT_MAX_STORED` (default 100): most member exports kept in `LETTERBOXD_EXPORT_DIR`. */
    maxStored: number;
    /** `EXPORT_MAX_STORED_MB` (default 512): most bytes the stored exports (ZIPs and parsed forms) may take. */
    maxStoredBytes: number;
    /** `EXPORT_PARSE_MEMORY_MB` (default 192): heap limit of the worker that parses an upload, in MiB. */
    parseMemoryMb: number;
  };
}

/** The variables the server reads (exported for the test that keeps `.env.example` complete). */
export const serverEnvSchema = z
  .object({
    ...commonEnvShape,
    HOST: envString(),
    PORT: envInt({ min: 0, max: 65_535, default: 8000 }),
    API_TOKEN: envString()
      .refine((token) => token === undefined || token.length >= MIN_API_TOKEN_LENGTH, {
        message: `must be at least ${MIN_API_TOKEN_LENGTH} characters (generate one with: openssl rand -hex 32)`,
      })
      .refine((token) => token === undefined || BEARER_TOKEN_PATTERN.test(token), {
        message: 'may only contain letters, digits and - . _ ~ + / (then = at the end), as a bearer token (generate one with: openssl rand -hex 32)',
      }),
    CACHE_TTL: envInt({ min: 0, max: 86_400, default: 600 }),
    RADARR_KEY: envString().refine((key) => key === undefined || key.length >= MIN_API_TOKEN_LENGTH, {
      message: `must be at least ${MIN_API_TOKEN_LENGTH} characters (generate one with: openssl rand -hex 16)`,
    }),
    ALLOWED_HOSTS: envHostNames(),
    READ_QUEUE_MAX: envInt({ min: 0, max: 10_000, default: 20 }),
    RATE_LIMIT_READS_PER_MINUTE: envInt({ min: 0, max: 1_000_000, default: 120 }),
    EXPORT_MAX_UPLOAD_MB: envInt({ min: 1, max: 32, default: 16 }),
    EXPORT_MAX_STORED: envInt({ min: 1, max: 100_000, default: 100 }),
    EXPORT_MAX_STORED_MB: envInt({ min: 1, max: 1_048_576, default: 512 }),
    EXPORT_PARSE_MEMORY_MB: envInt({ min: 16, max: 4096, default: EXPORT_PARSE_MEMORY_MB }),
  })
  .superRefine((env, ctx) => {
    const host = env.HOST ?? '127.0.0.1';
    if (env.API_TOKEN === undefined && !isLoopbackHost(host)) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message:
          `refusing to listen on ${host} without API_TOKEN: anyone who can reach it could start syncs that ` +
          'write your TMDb lists. Set API_TOKEN (e.g. openssl rand -hex 32), or keep HOST=127.0.0.1.',
      });
    }
  });

/**
 * Read and validate the server's configuration from `env` (usually `process.env` after `.env` is loaded).
 * Unset or empty variables take their defaults. Throws a `ConfigError` listing every bad variable.
 */
export function loadServerConfig(env: Env): ServerConfig {
  const parsed = parseEnv(serverEnvSchema, env);
  return {
    ...toCommonConfig(parsed),
    host: parsed.HOST ?? '127.0.0.1',
    port: parsed.PORT ?? 8000,
    apiToken: parsed.API_TOKEN ?? null,
    cacheTtlSeconds: parsed.CACHE_TTL ?? 600,
    radarrKey: parsed.RADARR_KEY ?? null,
    allowedHosts: parsed.ALLOWED_HOSTS,
    reads: { maxQueue: parsed.READ_QUEUE_MAX ?? 20, perMinute: parsed.RATE_LIMIT_READS_PER_MINUTE ?? 120 },
    exports: {
      maxUploadBytes: (parsed.EXPORT_MAX_UPLOAD_MB ?? 16) * MIB,
      maxStored: parsed.EXPORT_MAX_STORED ?? 100,
      maxStoredBytes: (parsed.EXPORT_MAX_STORED_MB ?? 512) * MIB,
      parseMemoryMb: parsed.EXPORT_PARSE_MEMORY_MB ?? EXPORT_PARSE_MEMORY_MB,
    },
  };
}

/** A comma-separated list of host names or IP addresses (no scheme, no port), lower-cased, de-duplicated. */
function envHostNames() {
  return envString().transform((value, ctx) => {
    const names = (value ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase().replace(/^\[|\]$/g, ''))
      .filter((name) => name !== '');
    const bad = names.filter((name) => !/^[a-z0-9.-]+$/.test(name) && isIP(name) !== 6);
    if (bad.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `${bad.map((name) => JSON.stringify(name)).join(', ')}: expected host names or IP addresses without scheme or port, separated by commas (e.g. lbx.local,192.168.1.20)`,
      });
      return z.NEVER;
    }
    return [...new Set(names)];
  });
}

/** `true` for addresses only this machine can reach: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}
