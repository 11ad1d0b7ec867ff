import {
  commonEnvShape,
  envBoolean,
  envString,
  envUsernames,
  parseEnv,
  toCommonConfig,
  type CommonConfig,
  type Env,
} from '@lbx/example-shared';
import { z } from 'zod';
import { checkCronExpression, checkTimeZone } from './schedule';

/** Everything the cron runner reads from its environment. */
export interface CronConfig extends CommonConfig {
  /** `CRON_ENABLED`, default `false`: without it the runner only runs with `--once`. */
  enabled: boolean;
  /** `CRON_SCHEDULE`, 5 fields, default `0 0 * * *` (midnight). */
  schedule: string;
  /** `CRON_TIMEZONE`, an IANA name, default `UTC`. */
  timezone: string;
  /** `CRON_TARGET_USERS`, comma-separated Letterboxd usernames (duplicates dropped, case-insensitively). */
  users: string[];
}

/** The variables the runner reads (exported for the test that keeps `.env.example` complete). */
export const cronEnvSchema = z.object({
  ...commonEnvShape,
  CRON_ENABLED: envBoolean(false),
  CRON_SCHEDULE: envString().superRefine((value, ctx) => {
    const problem = checkCronExpression(value ?? '0 0 * * *');
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  }),
  CRON_TIMEZONE: envString().superRefine((value, ctx) => {
    const problem = checkTimeZone(value ?? 'UTC');
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  }),
  CRON_TARGET_USERS: envUsernames(),
});

/**
 * Read and validate the runner's configuration from `env`. Unset or empty variables take their defaults.
 * Throws a `ConfigError` listing every bad variable.
 */
export function loadCronConfig(env: Env): CronConfig {
  const parsed = parseEnv(cronEnvSchema, env);
  return {
    // A definition must not target a CRON_TARGET_USERS member's top-rated list by name (they would share it).
    ...toCommonConfig(parsed, { topRatedMembers: parsed.CRON_TARGET_USERS }),
    enabled: parsed.CRON_ENABLED,
    schedule: (parsed.CRON_SCHEDULE ?? '0 0 * * *').split(/\s+/).join(' '),
    timezone: parsed.CRON_TIMEZONE ?? 'UTC',
    users: parsed.CRON_TARGET_USERS,
  };
}
