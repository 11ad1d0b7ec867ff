import { z } from 'zod';
import { envBoolean, parseEnv, type Env } from './env-schema';

const sandboxEnvSchema = z.object({ LBX_SANDBOX: envBoolean(false) });

/**
 * Whether `LBX_SANDBOX` asks for the sandbox (true/false, 1/0, yes/no, on/off; unset or empty: no). Throws a
 * `ConfigError` for any other value, so a typo never silently talks to the real sites.
 */
export function sandboxRequested(env: Env): boolean {
  return parseEnv(sandboxEnvSchema, env).LBX_SANDBOX;
}
