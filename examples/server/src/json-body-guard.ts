import type { MiddlewareHandler } from 'hono';
import { validationError } from './http-errors';

/**
 * Require a JSON request body, answering 422 (as FastAPI does) when it is missing or is not JSON, before the
 * schema validator runs. The parsed body stays cached on the request for the validator.
 */
export function requireJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const text = await c.req.text();
    if (text.trim() === '') {
      return validationError(c, [{ loc: ['body'], msg: 'A JSON body is required.', type: 'missing' }]);
    }
    if (!/^application\/([\w.-]+\+)?json$/.test(type)) {
      return validationError(c, [
        { loc: ['body'], msg: 'The body must be JSON (send Content-Type: application/json).', type: 'json_invalid' },
      ]);
    }
    try {
      JSON.parse(text);
    } catch {
      return validationError(c, [{ loc: ['body'], msg: 'The body is not valid JSON.', type: 'json_invalid' }]);
    }
    return next();
  };
}
