import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';

/** Options of {@link serveHandlers}. */
export interface ServeHandlersOptions {
  /** Port on 127.0.0.1. Default 0 (an ephemeral port chosen by the OS). */
  port?: number;
}

/** A running server; `close()` stops it and ends open connections. */
export interface ServedHandlers {
  /** Origin of the server, e.g. `http://127.0.0.1:53211` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/**
 * Handlers, or a function that builds them once the server's URL is known (so a fake can take the served
 * origin as its `baseUrl` and its absolute links point back at the server).
 */
export type HandlersInput = readonly RequestHandler[] | ((url: string) => readonly RequestHandler[]);

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function toFetchRequest(origin: string, request: IncomingMessage, body: Buffer | undefined, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return new Request(new URL(request.url ?? '/', origin), {
    method: request.method ?? 'GET',
    headers,
    body: body && body.length > 0 ? new Uint8Array(body) : undefined,
    signal,
  });
}

async function send(response: Response, target: ServerResponse, method: string): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  const body = method === 'HEAD' ? null : Buffer.from(await response.arrayBuffer());
  if (body) headers['content-length'] = String(body.length);
  delete headers['content-encoding'];
  target.writeHead(response.status, response.statusText || undefined, headers);
  target.end(body ?? undefined);
}

/**
 * Serves msw request handlers (e.g. `createFakeTmdb().handlers`) as a real HTTP server on 127.0.0.1, so other
 * processes — the example server, the cron runner, a browser — can talk to the fakes. Requests no handler
 * answers get a 501 with a plain-text explanation.
 */
export async function serveHandlers(input: HandlersInput, options: ServeHandlersOptions = {}): Promise<ServedHandlers> {
  let handlers: readonly RequestHandler[] = typeof input === 'function' ? [] : input;
  let origin = '';
  const server = createServer((request, response) => {
    const aborted = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) aborted.abort(new Error('client closed the connection'));
    });
    void (async () => {
      try {
        const fetchRequest = toFetchRequest(origin, request, await readBody(request), aborted.signal);
        const answer = await getResponse([...handlers], fetchRequest);
        if (!answer) {
          response.writeHead(501, { 'content-type': 'text/plain; charset=utf-8' });
          response.end(`No fake handler for ${request.method} ${request.url} (served by @lbx/testkit serveHandlers)\n`);
          return;
        }
        await send(answer, response, request.method ?? 'GET');
      } catch (error) {
        if (aborted.signal.aborted) return;
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`Fake handler failed: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  if (typeof input === 'function') handlers = input(origin);
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
