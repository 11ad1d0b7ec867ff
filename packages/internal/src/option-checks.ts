/** What a numeric client option must be. */
export interface NumberRule {
  /** Lower bound; inclusive unless `exclusive`. */
  min: number;
  /** `true`: the value must be greater than `min`. */
  exclusive?: boolean;
  /** `true`: a whole number is required. */
  integer?: boolean;
  /** `true`: `Infinity` is accepted (e.g. "no limit"). */
  infinite?: boolean;
}

/**
 * Checks a numeric client option (`undefined` means "use the default" and passes). Returns `null` when the
 * value is fine, else the sentence that says what was expected, e.g. `retry.limit must be an integer ≥ 0, got 1.5.`;
 * each package throws it as its own options error.
 */
export function numberOptionProblem(value: unknown, name: string, rule: NumberRule): string | null {
  if (value === undefined) return null;
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (Number.isFinite(value) || (rule.infinite === true && value === Number.POSITIVE_INFINITY)) &&
    (rule.exclusive ? value > rule.min : value >= rule.min) &&
    (!rule.integer || !Number.isFinite(value) || Number.isInteger(value));
  if (ok) return null;
  const range = `${rule.integer ? 'an integer' : 'a number'} ${rule.exclusive ? '>' : '≥'} ${rule.min}`;
  return `${name} must be ${range}${rule.infinite ? ' (or Infinity)' : ''}, got ${String(value)}.`;
}
