import { ConfigError } from './config-error';

/** One problem in the list definitions file: where it is and what is wrong. */
export interface ListsFileProblem {
  /** The file, as `LBX_LISTS_FILE` names it. */
  file: string;
  /** 1-based line of the offending node, or `null` when the problem is the file itself (missing, unreadable). */
  line: number | null;
  /** The field, as a path such as `lists[2].slug`, or `null` for the whole file. */
  field: string | null;
  /** What is wrong and what to write instead. */
  message: string;
}

/**
 * Thrown at start when `LBX_LISTS_FILE` cannot be used: unreadable, not YAML, or a definition that is wrong (an
 * unknown key, a wrong type, an unknown source kind, a `list` without its slug, two definitions with one id or
 * one TMDb list name). Each problem names `file:line` and the field. A `ConfigError`, so the apps refuse to start
 * with it like with a bad variable.
 */
export class ListsFileError extends ConfigError {
  /** Every problem found, in file order. */
  readonly fileProblems: readonly ListsFileProblem[];

  constructor(problems: readonly ListsFileProblem[]) {
    const lines = problems.map((p) => `${p.file}${p.line === null ? '' : `:${p.line}`}${p.field === null ? '' : ` ${p.field}`}: ${p.message}`);
    super(lines.map((message) => ({ variable: 'LBX_LISTS_FILE', message })));
    this.name = 'ListsFileError';
    this.message = `Invalid list definitions file (LBX_LISTS_FILE); fix it and start again:\n${lines.map((line) => `  - ${line}`).join('\n')}`;
    this.fileProblems = problems;
  }
}
