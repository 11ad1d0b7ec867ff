import type { z } from '@hono/zod-openapi';
import { ErrorBody } from './schemas';

/** An OpenAPI response whose body is JSON matching `schema`. */
export function jsonResponse<S extends z.ZodType>(description: string, schema: S) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * Error responses of a route, each a JSON {@link ErrorBody} (`{ detail }`), from `{ status: description }`:
 * `responses: { 200: jsonResponse('Job state', JobState), ...errorResponses({ 404: 'Unknown job id' }) }`.
 */
export function errorResponses<const T extends Record<number, string>>(descriptions: T) {
  return Object.fromEntries(
    Object.entries(descriptions).map(([status, description]) => [status, jsonResponse(description, ErrorBody)]),
  ) as { [K in keyof T]: ReturnType<typeof jsonResponse<typeof ErrorBody>> };
}

/** The error a route behind `requireBearer` may answer. */
export const BEARER_ERRORS = { 401: 'Missing or wrong bearer token' } as const;
