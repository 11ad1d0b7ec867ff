import { readFileSync } from 'node:fs';
import { definitionId, definitionListName, type ListDefinition, type ListSourceKind } from '@lbx/sync';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { USERNAME_PATTERN } from './env-schema';
import { ListsFileError, type ListsFileProblem } from './lists-file-error';

/** The kinds of source a definition may follow (those of `syncList` in `@lbx/sync`). */
export const LIST_SOURCE_KINDS = ['top-rated', 'watchlist', 'liked', 'rated', 'list'] as const satisfies readonly ListSourceKind[];

/**
 * One definition of the file, ready for `syncList`: `member` lower-cased (Letterboxd names are case-insensitive),
 * `id` and `listName` always set (given, else what `syncList` derives), and the line it starts on.
 */
export interface ConfiguredList extends ListDefinition {
  id: string;
  listName: string;
  /** 1-based line of the definition in the file. */
  line: number;
}

/** A loaded `LBX_LISTS_FILE`. */
export interface ListsFile {
  /** The path as configured. */
  file: string;
  /** The definitions, in file order (ids and TMDb list names are unique). */
  lists: ConfiguredList[];
}

/** Options of {@link loadListsFile} and {@link parseListsFile}. */
export interface ListsFileOptions {
  /**
   * Members whose top-rated list the app syncs besides the file (the cron runner's `CRON_TARGET_USERS`): a
   * definition targeting one of their lists by name is refused, unless it is that very list (its id is the member).
   */
  topRatedMembers?: readonly string[];
}

const ID_PATTERN = /^[A-Za-z0-9_.\/-]{1,200}$/;
const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,199}$/;
const FIELDS = ['id', 'source', 'member', 'slug', 'minRating', 'maxRating', 'yearFrom', 'yearTo', 'limit', 'excludeTv', 'order', 'direction', 'listName', 'description'];

const rating = z
  .number({ error: 'expected a number of stars from 0.5 to 5' })
  .refine((value) => value >= 0.5 && value <= 5 && Number.isInteger(value * 2), 'expected a rating from 0.5 to 5 in half stars');
const year = z.int({ error: 'expected a year (a whole number)' }).min(1870, 'expected a year from 1870').max(2200, 'expected a year up to 2200');
const text = (what: string) => z.string({ error: `expected ${what} (text)` }).trim().min(1, `expected ${what}, not an empty string`).max(500);

const Definition = z
  .strictObject({
    id: z.string({ error: 'expected text' }).regex(ID_PATTERN, 'expected 1–200 letters, digits, "_", "-", "." or "/"').optional(),
    source: z.enum(LIST_SOURCE_KINDS, {
      error: (issue) =>
        issue.input === undefined
          ? `required: one of ${LIST_SOURCE_KINDS.join(', ')}`
          : `unknown source kind ${JSON.stringify(issue.input)}: expected one of ${LIST_SOURCE_KINDS.join(', ')}`,
    }),
    member: z
      .string({ error: 'required: the Letterboxd username (for a list: its owner)' })
      .regex(USERNAME_PATTERN, 'expected a Letterboxd username (1–100 letters, digits, "_" or "-")')
      .transform((name) => name.toLowerCase()),
    slug: z
      .string({ error: 'expected text' })
      .regex(SLUG_PATTERN, 'expected the list slug from /{member}/list/{slug}/ (lower-case letters, digits, "-")')
      .optional(),
    minRating: rating.optional(),
    maxRating: rating.optional(),
    yearFrom: year.optional(),
    yearTo: year.optional(),
    limit: z.int({ error: 'expected a whole number from 1 to 1000' }).min(1, 'expected at least 1').max(1000, 'expected at most 1000').optional(),
    excludeTv: z.boolean({ error: 'expected true or false' }).optional(),
    order: z.enum(['source', 'rating', 'year', 'title'], { error: 'expected one of source, rating, year, title' }).optional(),
    direction: z.enum(['asc', 'desc'], { error: 'expected asc or desc' }).optional(),
    listName: text('the TMDb list name').optional(),
    description: text('a description').optional(),
  })
  .superRefine((def, ctx) => {
    if (def.source === 'list' && def.slug === undefined) {
      ctx.addIssue({ code: 'custom', path: ['slug'], message: 'required for source "list": the slug from /{member}/list/{slug}/' });
    }
    if (def.source !== 'list' && def.slug !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['slug'], message: `only "list" definitions have a slug (this one is "${def.source}")` });
    }
    if (def.minRating !== undefined && def.maxRating !== undefined && def.minRating > def.maxRating) {
      ctx.addIssue({ code: 'custom', path: ['maxRating'], message: `must be at least minRating (${def.minRating})` });
    }
    if (def.yearFrom !== undefined && def.yearTo !== undefined && def.yearFrom > def.yearTo) {
      ctx.addIssue({ code: 'custom', path: ['yearTo'], message: `must be at least yearFrom (${def.yearFrom})` });
    }
  });

const FileShape = z.strictObject(
  { lists: z.array(Definition, { error: 'required: a sequence of list definitions (- source: …)' }).min(1, 'list at least one definition') },
  { error: 'expected a mapping with a "lists:" sequence of definitions' },
);

/** `lists[2].slug` for `['lists', 2, 'slug']`. */
function fieldName(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}

/** The line of the deepest node of `path` the document has (a key's own line for a mapping entry). */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n -= 1) {
    const last = path[n - 1];
    const parent = n <= 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true);
    if (typeof last === 'string' && isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === last);
      if (pair && isScalar(pair.key) && pair.key.range) return lines.linePos(pair.key.range[0]).line;
    }
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return 1;
}

/**
 * Parse and check the text of a definitions file (YAML; see examples/README.md, "List definitions"). Throws a
 * {@link ListsFileError} naming `file:line` and the field of every problem.
 */
export function parseListsFile(source: string, file: string, options: ListsFileOptions = {}): ListsFile {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problem = (path: readonly PropertyKey[], message: string): ListsFileProblem => ({
    file,
    line: lineOf(doc, lines, path),
    field: fieldName(path),
    message,
  });
  if (doc.errors.length > 0) {
    throw new ListsFileError(
      doc.errors.map((error) => ({
        file,
        line: lines.linePos(error.pos[0]).line || 1,
        field: null,
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    );
  }
  const parsed = FileShape.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    throw new ListsFileError(
      parsed.error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) =>
              problem(
                [...issue.path, key],
                issue.path.length === 0 ? 'unknown key: the file has only "lists:"' : `unknown key: a definition has ${FIELDS.join(', ')}`,
              ),
            )
          : [problem(issue.path, issue.message)],
      ),
    );
  }

  const problems: ListsFileProblem[] = [];
  const ids = new Map<string, number>();
  const names = new Map<string, { line: number; owner: string }>();
  const lists = parsed.data.lists.map((raw, index): ConfiguredList => {
    const definition = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined)) as unknown as ListDefinition;
    return { ...definition, id: definitionId(definition), listName: definitionListName(definition), line: lineOf(doc, lines, ['lists', index]) };
  });
  for (const member of options.topRatedMembers ?? []) {
    if (!lists.some((list) => list.id === member)) {
      names.set(nameKey(definitionListName({ source: 'top-rated', member })), { line: 0, owner: `CRON_TARGET_USERS member "${member}"'s top-rated list` });
    }
  }
  lists.forEach((list, index) => {
    const seen = ids.get(list.id);
    if (seen !== undefined) {
      problems.push(
        problem(
          ['lists', index, raw(index, 'id') ? 'id' : 'source'],
          `duplicate definition id "${list.id}" (also on line ${seen}): give one of them its own "id"`,
        ),
      );
    } else ids.set(list.id, list.line);
    const other = names.get(nameKey(list.listName));
    if (other !== undefined) {
      problems.push(
        problem(
          ['lists', index, raw(index, 'listName') ? 'listName' : 'source'],
          `targets the TMDb list "${list.listName}", like ${other.line === 0 ? other.owner : `the definition on line ${other.line}`}: ` +
            'two definitions would fight over one list; give this one its own "listName"',
        ),
      );
    } else names.set(nameKey(list.listName), { line: list.line, owner: list.id });
  });
  if (problems.length > 0) throw new ListsFileError(problems);
  return { file, lists };

  function raw(index: number, key: string): boolean {
    return (parsed.data as { lists: Array<Record<string, unknown>> }).lists[index]?.[key] !== undefined;
  }
}

/** TMDb list names compared as a person reads them: trimmed, case-insensitive. */
function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Read and check `LBX_LISTS_FILE` (see {@link parseListsFile}). A missing or unreadable file is a
 * {@link ListsFileError} too: the apps refuse to start rather than sync less than the operator asked for.
 */
export function loadListsFile(file: string, options: ListsFileOptions = {}): ListsFile {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ListsFileError([
      {
        file,
        line: null,
        field: null,
        message:
          code === 'ENOENT'
            ? 'no such file: check the path (relative paths start from the working directory), or unset LBX_LISTS_FILE'
            : `cannot be read (${code ?? (error as Error).message})`,
      },
    ]);
  }
  return parseListsFile(source, file, options);
}
