// A small node:http adapter that serves an ApolloServer (v5) plus a few plain routes.
// Shared by the gateway and every subgraph so all of them agree on request ids, body limits
// and error shapes. No express: Apollo's `executeHTTPGraphQLRequest` does the GraphQL-over-HTTP
// work, this file only moves bytes and headers in and out of it.
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ErrorCode } from './errors.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions<TContext extends BaseContext> {
  /** Not started yet: `startHttpServer` adds its drain plugin and calls `apollo.start()` itself. */
  apollo: ApolloServer<TContext>;
  /** 0 picks an ephemeral port. */
  port: number;
  /** Default: the HOST environment variable, else 127.0.0.1. */
  host?: string;
  /** Default '/graphql'. */
  graphqlPath?: string;
  context: (args: { req: IncomingMessage; requestId: string }) => Promise<TContext>;
  /** Exact path match (query string ignored), any method. */
  routes?: Record<string, RouteHandler>;
  /** Default 1 MiB. Larger bodies get a 413 with a GraphQL-shaped PAYLOAD_TOO_LARGE error. */
  maxBodyBytes?: number;
  /**
   * Runs before everything else and returns true when it answered the request itself: how the
   * gateway serves its explorer page and the page's assets. Browsers asking for GraphQL's own path
   * still reach GraphQL.
   */
  onRequest?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /**
   * Bound on one GraphQL request from body read to answer. Past it the caller gets a 504 with an
   * OPERATION_TIMEOUT error (the work still running is abandoned; its subgraph fetches have their
   * own timeouts). Default: none.
   */
  operationTimeoutMs?: number;
}

export interface RunningHttpServer {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4001/graphql`. */
  url: string;
  port: number;
  server: http.Server;
  /** Stops accepting, closes idle sockets, lets in-flight requests finish, then stops Apollo. */
  close(): Promise<void>;
}

export const REQUEST_ID_HEADER = 'x-request-id';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

// Longer than the idle timeout of common load balancers and HTTP client pools, so that the
// client side, not us, closes an idle connection (avoids the reuse-a-closing-socket race).
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
// In-flight requests get this long to finish on close() before their sockets are destroyed.
const STOP_GRACE_PERIOD_MS = 10_000;

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id if it is a sane token, else a fresh UUID. */
export function resolveRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  if (res.headersSent) {
    // Too late to change status or headers; just make sure the response ends.
    res.end();
    return;
  }
  const payload = JSON.stringify(body);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(payload));
  res.end(payload);
}

function sendGraphQLError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, headers);
}

/** Thrown by `readRequestBody` past its limit. */
export class PayloadTooLargeError extends Error {}

/** How long a refused body may keep arriving before the connection is cut. */
const DISCARD_BODY_GRACE_MS = 10_000;

/**
 * After a 413, reads and drops what the client is still sending ("lingering close", as web
 * servers do). Closing at once would leave the client's unsent bytes unread, the kernel would
 * answer them with a reset, and the client could lose the 413 it has not read yet. A client that
 * keeps sending past the grace period has its connection cut.
 */
function discardRestOfBody(req: IncomingMessage): void {
  if (req.complete) return;
  const cut = setTimeout(() => req.socket.destroy(), DISCARD_BODY_GRACE_MS);
  cut.unref();
  req.on('end', () => clearTimeout(cut));
  req.on('close', () => clearTimeout(cut));
  req.resume();
}

function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

/**
 * Reads a request body of at most `maxBodyBytes`, else rejects with PayloadTooLargeError.
 * Event-based rather than `for await`: leaving an async iterator early destroys the request, and
 * with it the socket still needed for the 413 answer.
 */
export function readRequestBody(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      reject(new PayloadTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        cleanup();
        req.pause();
        reject(new PayloadTooLargeError());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    // Multi-valued headers are joined with ', ' like the Fetch API's Headers (as Apollo's
    // standalone server does); node already lower-cases the keys.
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function formatUrl(address: AddressInfo, graphqlPath: string): string {
  let host = address.address;
  if (host === '' || host === '0.0.0.0') host = '127.0.0.1';
  else if (host === '::') host = 'localhost';
  else if (host.includes(':')) host = `[${host}]`;
  return `http://${host}:${address.port}${graphqlPath}`;
}

export async function startHttpServer<TContext extends BaseContext>(
  opts: HttpServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const {
    apollo,
    port,
    host = process.env.HOST || '127.0.0.1',
    graphqlPath = '/graphql',
    context,
    routes = {},
    maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
    onRequest,
    operationTimeoutMs,
  } = opts;
  const logger = apollo.logger;

  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    let body: unknown;
    if (method !== 'GET' && method !== 'HEAD') {
      let raw: Buffer;
      try {
        raw = await readRequestBody(req, maxBodyBytes);
      } catch (error) {
        if (error instanceof PayloadTooLargeError) {
          sendGraphQLError(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `Request body exceeds ${maxBodyBytes} bytes`);
          discardRestOfBody(req);
          return;
        }
        throw error;
      }
      // Like body-parser's json(): only JSON content types are parsed; anything else reaches
      // Apollo without a body, and Apollo answers with its own 400 (or CSRF) error.
      if (isJsonContentType(req.headers['content-type']) && raw.length > 0) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch (error) {
          const reason = error instanceof Error ? error.message : 'invalid JSON';
          sendGraphQLError(res, 400, ErrorCode.BAD_REQUEST, `Malformed JSON body: ${reason}`);
          return;
        }
      }
    }

    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method,
      headers: toHeaderMap(req),
      search: new URL(req.url ?? '/', 'http://localhost').search,
      body,
    };
    const execution = apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => context({ req, requestId }),
    });
    let response: Awaited<typeof execution>;
    if (operationTimeoutMs === undefined) {
      response = await execution;
    } else {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), operationTimeoutMs);
      });
      const outcome = await Promise.race([execution, timedOut]).finally(() => clearTimeout(timer));
      if (outcome === 'timeout') {
        execution.catch(() => {});
        sendGraphQLError(res, 504, ErrorCode.OPERATION_TIMEOUT, `The operation did not finish within ${operationTimeoutMs} ms`);
        return;
      }
      response = outcome;
    }
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    // Incremental delivery (@defer/@stream): stream chunks as Apollo produces them.
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = resolveRequestId(req.headers[REQUEST_ID_HEADER]);
    // Set before any handler runs so that every response, errors included, carries it.
    res.setHeader(REQUEST_ID_HEADER, requestId);
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const method = (req.method ?? 'GET').toUpperCase();
      if (onRequest && path !== graphqlPath && (await onRequest(req, res))) return;
      if (path === graphqlPath) {
        await serveGraphQL(req, res, requestId);
        return;
      }
      const route = Object.hasOwn(routes, path) ? routes[path] : undefined;
      if (route) {
        await route(req, res);
        return;
      }
      sendGraphQLError(res, 404, 'NOT_FOUND', `No route for ${method} ${path}`);
    } catch (error) {
      logger.error(
        `[http] ${req.method} ${req.url} (request ${requestId}) failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      if (res.headersSent) res.destroy();
      else sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  }

  const server = http.createServer({ keepAlive: true }, (req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Must exceed keepAliveTimeout, or node may drop a connection that is still receiving headers.
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;

  // Apollo's own drain plugin: on apollo.stop() it stops accepting, ends idle sockets at once,
  // waits for in-flight requests (destroying them after the grace period), and only then lets
  // Apollo (and a gateway's subgraph connections) shut down.
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: STOP_GRACE_PERIOD_MS }));
  await apollo.start();

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await apollo.stop();
    throw error;
  }

  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: formatUrl(address, graphqlPath),
    port: address.port,
    server,
    close() {
      closing ??= apollo.stop();
      return closing;
    },
  };
}
