import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { MappingStoreError } from './errors.js';
import { writeFileAtomic } from './internal/atomic-write.js';
import { createKeyedLock } from './internal/keyed-lock.js';
import type { FilmCacheEntry, MappingStoreWithFilms } from './mapping-store.js';

/** Options of {@link createJsonFileStore}. */
export interface JsonFileStoreOptions {
  /**
   * File of the film-resolution cache. Default: next to the mapping file, `.json` replaced by `.films.json`
   * (`tmdb_list_mappings.json` → `tmdb_list_mappings.films.json`), so the mapping file keeps the original
   * service's format.
   */
  filmsPath?: string;
}

/** Default mapping file name (the original service's). */
const DEFAULT_PATH = 'tmdb_list_mappings.json';

/** Original format: `{"<username>": <listId>}`; numeric strings are accepted on read and written as numbers. */
const mappingFileSchema = z.record(
  z.string(),
  z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/).transform(Number)]),
);

const filmEntrySchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('matched'),
    tmdbId: z.number().int().positive(),
    mediaType: z.enum(['movie', 'tv']),
    resolvedAt: z.string(),
  }),
  z.object({ status: z.literal('unmatched'), checkedAt: z.string() }),
]);

const filmsFileSchema = z.object({ version: z.literal(1), films: z.record(z.string(), filmEntrySchema) });

type FilmsFile = z.infer<typeof filmsFileSchema>;

/** One lock per absolute path, shared by every store of this process (two stores on one file stay safe). */
const fileLock = createKeyedLock();

/**
 * A mapping store in a JSON file, compatible with the original service's `tmdb_list_mappings.json`
 * (`{"<username>": <listId>, …}`), plus a film cache in a sibling file.
 *
 * - A missing file is an empty store; it is created on the first write.
 * - Writes are atomic (temp file in the same directory + fsync + rename) and serialized within the process.
 * - A corrupt or unreadable file raises {@link MappingStoreError} and is never overwritten.
 *
 * Writers in other processes are not coordinated: run one sync process per file.
 *
 * @param path Mapping file. Default `'tmdb_list_mappings.json'` (relative to the working directory).
 */
export function createJsonFileStore(path: string = DEFAULT_PATH, options: JsonFileStoreOptions = {}): MappingStoreWithFilms {
  const mappingPath = resolve(path);
  const filmsPath = resolve(options.filmsPath ?? defaultFilmsPath(path));

  const readMappings = async (): Promise<Record<string, number>> => {
    const text = await readText(mappingPath);
    if (text === undefined) return {};
    const parsed = mappingFileSchema.safeParse(parseJson(mappingPath, text));
    if (!parsed.success) {
      throw new MappingStoreError(
        mappingPath,
        'corrupt',
        'expected an object of the form {"<username>": <TMDb list id>}.',
      );
    }
    return parsed.data;
  };

  const updateMappings = (change: (mappings: Record<string, number>) => boolean): Promise<void> =>
    fileLock.run(mappingPath, async () => {
      const mappings = await readMappings();
      if (!change(mappings)) return;
      await write(mappingPath, `${JSON.stringify(mappings, null, 2)}\n`);
    });

  const readFilms = async (): Promise<FilmsFile> => {
    const text = await readText(filmsPath);
    if (text === undefined) return { version: 1, films: {} };
    const parsed = filmsFileSchema.safeParse(parseJson(filmsPath, text));
    if (!parsed.success) {
      throw new MappingStoreError(filmsPath, 'corrupt', 'not a film cache written by @lbx/sync (version 1).');
    }
    return parsed.data;
  };

  return {
    async get(username) {
      return (await readMappings())[username];
    },
    async set(username, listId) {
      assertListId(mappingPath, listId);
      await updateMappings((mappings) => {
        if (mappings[username] === listId) return false;
        mappings[username] = listId;
        return true;
      });
    },
    async delete(username) {
      await updateMappings((mappings) => {
        if (!Object.hasOwn(mappings, username)) return false;
        delete mappings[username];
        return true;
      });
    },
    async all() {
      return readMappings();
    },
    films: {
      async getMany(slugs) {
        const { films } = await readFilms();
        const found = new Map<string, FilmCacheEntry>();
        for (const slug of slugs) {
          const entry = Object.hasOwn(films, slug) ? films[slug] : undefined;
          if (entry) found.set(slug, entry);
        }
        return found;
      },
      async setMany(entries) {
        if (entries.size === 0) return;
        await fileLock.run(filmsPath, async () => {
          const file = await readFilms();
          for (const [slug, entry] of entries) file.films[slug] = entry;
          await write(filmsPath, `${JSON.stringify(file)}\n`);
        });
      },
    },
  };
}

function defaultFilmsPath(path: string): string {
  return path.endsWith('.json') ? `${path.slice(0, -'.json'.length)}.films.json` : `${path}.films.json`;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MappingStoreError(path, 'unreadable', errorText(error), { cause: error });
  }
}

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new MappingStoreError(path, 'corrupt', `not valid JSON (${errorText(error)}).`, { cause: error });
  }
}

async function write(path: string, data: string): Promise<void> {
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    throw new MappingStoreError(path, 'write-failed', errorText(error), { cause: error });
  }
}

function assertListId(path: string, listId: number): void {
  if (!Number.isInteger(listId) || listId <= 0) {
    throw new MappingStoreError(path, 'write-failed', `list id must be a positive integer, got ${String(listId)}.`);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
