import { normalizeUsernames } from '@lbx/sync';
import { z } from 'zod';
import { ConfigError } from './config-error';

/** Environment as read from `process.env` (or a test's plain object). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Letterboxd's username rule: what `@lbx/letterboxd` accepts before making any request. */
export const USERNAME_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

/** An unset variable and an empty one (`FOO=` in a .env or compose file) mean the same: use the default. */
const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** An optional string variable (trimmed). */
export const envString = () =>
  z.preprocess(blankToUndefined, z.string().transform((s) => s.trim()).optional());

/** Like {@link blankToUndefined}, and a set value is trimmed. */
const trimmedOrUndefined = (value: unknown): unknown => {
  const blank = blankToUndefined(value);
  return typeof blank === 'string' ? blank.trim() : blank;
};

/** A boolean variable: true/false, 1/0, yes/no, on/off (any case; zod's `z.stringbool()`). */
export const envBoolean = (defaultValue: boolean) =>
  z.preprocess(
    trimmedOrUndefined,
    z
      .stringbool({
        truthy: ['true', '1', 'yes', 'on'],
        falsy: ['false', '0', 'no', 'off'],
        error: 'expected true or false (also accepted: 1/0, yes/no, on/off)',
      })
      .default(defaultValue),
  );

/** An integer variable within `[min, max]`. */
export const envInt = (options: { min: number; max: number; default?: number }) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return options.default;
        const trimmed = value.trim();
        const parsed = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
        if (!Number.isSafeInteger(parsed) || parsed < options.min || parsed > options.max) {
          ctx.addIssue({
            code: 'custom',
            message: `expected a whole number from ${options.min} to ${options.max}`,
          });
          return z.NEVER;
        }
        return parsed;
      }),
  );

/** An absolute http(s) URL (zod's `z.url()`), returned without a trailing slash. */
export const envUrl = (defaultValue: string) =>
  z.preprocess(
    trimmedOrUndefined,
    z
      .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL, such as https://example.com' })
      .default(defaultValue)
      .transform((url) => url.replace(/\/+$/, '')),
  );

/** One of a fixed set of (case-insensitive) words. */
export const envEnum = <const T extends readonly [string, ...string[]]>(values: T, defaultValue: T[number]) =>
  z.preprocess(
    (value) => {
      const trimmed = trimmedOrUndefined(value);
      return typeof trimmed === 'string' ? trimmed.toLowerCase() : trimmed;
    },
    z.enum(values, { error: () => `expected one of: ${values.join(', ')}` }).default(defaultValue as never),
  );

/**
 * A comma-separated list of Letterboxd usernames, each checked against {@link USERNAME_PATTERN}, lower-cased
 * (Letterboxd usernames are case-insensitive) and de-duplicated.
 */
export const envUsernames = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        const names = (value ?? '')
          .split(',')
          .map((name) => name.trim())
          .filter((name) => name !== '');
        const bad = names.filter((name) => !USERNAME_PATTERN.test(name));
        if (bad.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `${bad.map((name) => JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name)).join(', ')} ${
              bad.length === 1 ? 'is not a valid Letterboxd username' : 'are not valid Letterboxd usernames'
            } (1–100 letters, digits, "_" or "-"; separate names with commas)`,
          });
          return z.NEVER;
        }
        return normalizeUsernames(names);
      }),
  );

/**
 * Parse `env` with `schema`; on failure throw a {@link ConfigError} naming every bad variable (never its
 * value). Object-level refinements report under the variable named in the issue's `path`.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)',
      message: issue.message,
    })),
  );
}
