import { z } from 'zod';

/*
 * Tolerant schemas for TMDb bodies: unknown keys are dropped, and fields TMDb sends in more than one form
 * (number or numeric string, 0/1 or boolean, "" for no date) are normalised here.
 */

/** A number that may come as a numeric string ("8433"). */
export const looseNumber = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform(Number);

/** A flag that may come as a boolean, 0/1 or "0"/"1". */
export const looseFlag = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((value) => value === true || value === 1 || value === '1' || value === 'true');

/** A date `YYYY-MM-DD`; `""`, `null` or a missing key mean "no date". */
const looseDate = z
  .string()
  .nullish()
  .transform((value) => (value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null));

const text = z.string().nullish().transform((value) => value ?? '');

export const movieRowSchema = z.object({
  id: looseNumber,
  title: z.string(),
  original_title: z.string().nullish(),
  release_date: looseDate,
  popularity: looseNumber.nullish(),
  poster_path: z.string().nullish(),
});

export const tvRowSchema = z.object({
  id: looseNumber,
  name: z.string(),
  original_name: z.string().nullish(),
  first_air_date: looseDate,
  popularity: looseNumber.nullish(),
  poster_path: z.string().nullish(),
});

const paging = {
  page: looseNumber,
  total_pages: looseNumber,
  total_results: looseNumber,
};

export const movieSearchSchema = z.object({ ...paging, results: z.array(movieRowSchema) });
export const tvSearchSchema = z.object({ ...paging, results: z.array(tvRowSchema) });

export const findSchema = z.object({
  movie_results: z.array(movieRowSchema).default([]),
  tv_results: z.array(tvRowSchema).default([]),
});

export const movieDetailsSchema = movieRowSchema.extend({
  imdb_id: z.string().nullish(),
  runtime: looseNumber.nullish(),
});

export const errorBodySchema = z.object({
  status_code: looseNumber.nullish(),
  status_message: z.string().nullish(),
  errors: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).nullish(),
  success: looseFlag.nullish(),
});

export const requestTokenSchema = z.object({ request_token: z.string().min(1) });
export const accessTokenSchema = z.object({ access_token: z.string().min(1), account_id: z.string().min(1) });
export const createdListSchema = z.object({ id: looseNumber });
export const clearedSchema = z.object({ items_deleted: looseNumber.nullish() });
export const statusSchema = z.object({ success: looseFlag.nullish() });

export const itemResultsSchema = z.object({
  results: z
    .array(
      z.object({
        media_id: looseNumber,
        media_type: z.string(),
        success: looseFlag,
        error: z.union([z.array(z.string()), z.string()]).nullish(),
      }),
    )
    .nullish()
    .transform((value) => value ?? []),
});

/** List rows are a union on `media_type`; rows of other types are kept as unknown and skipped later. */
export const listDetailsSchema = z.object({
  ...paging,
  id: looseNumber,
  name: z.string(),
  description: text,
  public: looseFlag.nullish().transform((value) => value ?? true),
  sort_by: z.union([z.string(), z.number()]).nullish().transform((value) => (value == null ? 'original_order.asc' : String(value))),
  comments: z.record(z.string(), z.string().nullable()).nullish().transform((value) => value ?? {}),
  results: z.array(z.object({ media_type: z.string() }).loose()).default([]),
});

export const accountListsSchema = z.object({
  ...paging,
  results: z.array(
    z.object({
      id: looseNumber,
      name: z.string(),
      description: text,
      public: looseFlag.nullish().transform((value) => value ?? false),
      number_of_items: looseNumber.nullish().transform((value) => value ?? 0),
    }),
  ),
});

export type MovieRow = z.infer<typeof movieRowSchema>;
export type TvRow = z.infer<typeof tvRowSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
