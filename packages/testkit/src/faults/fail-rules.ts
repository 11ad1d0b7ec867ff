/** The matching part both fakes' `failNext` rules share. */
export interface FailRuleMatch {
  /** HTTP method to match, any case (any method when omitted). */
  method?: string;
  /** A RegExp tested against the path, or a substring of it (any path when omitted). */
  path?: RegExp | string;
  /** How many matching requests fail. Default 1. */
  times?: number;
}

/** A rule with the number of failures it still has to inject. */
export type ArmedRule<R> = R & { remaining: number };

/** Queue `rule` on `rules`; a rule with `times` ≤ 0 injects nothing and is not queued. */
export function armRule<R extends FailRuleMatch>(rules: Array<ArmedRule<R>>, rule: R): void {
  const remaining = rule.times ?? 1;
  if (remaining > 0) rules.push({ ...rule, remaining });
}

/** The first queued rule matching `method` and `path`, counted down (and dropped once used up), or `null`. */
export function takeRule<R extends FailRuleMatch>(rules: Array<ArmedRule<R>>, method: string, path: string): ArmedRule<R> | null {
  const rule = rules.find(
    (candidate) =>
      (candidate.method === undefined || candidate.method.toUpperCase() === method) &&
      (candidate.path === undefined ||
        (typeof candidate.path === 'string' ? path.includes(candidate.path) : candidate.path.test(path))),
  );
  if (!rule) return null;
  rule.remaining -= 1;
  if (rule.remaining <= 0) rules.splice(rules.indexOf(rule), 1);
  return rule;
}
