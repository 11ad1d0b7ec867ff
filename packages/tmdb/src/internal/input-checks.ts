import { type NumberRule, numberOptionProblem } from '@lbx/internal';
import { TmdbOptionsError } from '../errors.js';

/** Throw a clear `TypeError` unless `value` is a positive integer id. Nothing is sent for bad input. */
export function assertId(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TypeError(`${what} must be a positive integer TMDb id, got ${JSON.stringify(value)}.`);
  }
}

/** Throw a clear `TypeError` unless `value` is a non-empty string. */
export function assertText(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${what} must be a non-empty string, got ${JSON.stringify(value)}.`);
  }
}

/** Throw {@link TmdbOptionsError} for a numeric client option out of range (`undefined` means the default). */
export function assertOption(value: unknown, name: string, rule: NumberRule): void {
  const problem = numberOptionProblem(value, name, rule);
  if (problem !== null) throw new TmdbOptionsError(name, problem);
}
