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

/**
 * Throw a clear `TypeError` for a numeric client option out of range (`undefined` means the default).
 * `min` is inclusive unless `exclusive`; `integer` asks for a whole number; `Infinity` passes only when allowed.
 */
export function assertOption(
  value: unknown,
  name: string,
  rule: { min: number; exclusive?: boolean; integer?: boolean; infinite?: boolean },
): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (rule.infinite === true && value === Number.POSITIVE_INFINITY)) &&
    (rule.exclusive ? value > rule.min : value >= rule.min) &&
    (!rule.integer || !Number.isFinite(value) || Number.isInteger(value));
  if (!ok) {
    const range = `${rule.integer ? 'an integer' : 'a number'} ${rule.exclusive ? '>' : '≥'} ${rule.min}`;
    throw new TypeError(`createTmdbClient: ${name} must be ${range}${rule.infinite ? ' (or Infinity)' : ''}, got ${String(value)}.`);
  }
}
