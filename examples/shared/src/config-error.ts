/**
 * Thrown when the environment does not describe a usable configuration. The message lists every offending
 * variable and why, one per line, and never repeats a variable's value (some of them are secrets).
 */
export class ConfigError extends Error {
  /** One entry per problem: the variable name and what is wrong with it. */
  readonly problems: ReadonlyArray<{ variable: string; message: string }>;

  constructor(problems: ReadonlyArray<{ variable: string; message: string }>) {
    super(
      `Invalid configuration (fix these environment variables, or your .env file):\n${problems
        .map((p) => `  - ${p.variable}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
