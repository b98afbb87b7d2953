// `POST /internal/cache/invalidate` with `{"subgraph":"hotline"}`: drops every cached response
// that read from that subgraph, for the processes that change its data (importers). Only callers
// holding GOVGRAPH_INTERNAL_SECRET may: a token for the audience `gateway`, minted the way the
// gateway mints its own for the subgraphs (core's invalidateGatewayCache does both).
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createGatewayTokenVerifier,
  ErrorCode,
  GATEWAY_AUDIENCE,
  GATEWAY_TOKEN_HEADER,
  PayloadTooLargeError,
  readRequestBody,
  sendJson,
  type RouteHandler,
} from '@govgraph/core';
import { GraphQLError } from 'graphql';
import type { SubgraphGenerations } from './cache-generations.js';
import type { Logger } from './logger.js';

const MAX_BODY_BYTES = 4 * 1024;
const NO_STORE = { 'cache-control': 'no-store' };

export interface CacheInvalidationRouteOptions {
  internalSecret: Uint8Array;
  /** Undefined when the response cache is off: the request is then accepted and changes nothing. */
  generations: SubgraphGenerations | undefined;
  /** The subgraphs of the supergraph being served. */
  subgraphNames: () => readonly string[];
  logger: Logger;
}

function sendError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, { ...NO_STORE, ...headers });
}

export function createCacheInvalidationRoute(options: CacheInvalidationRouteOptions): RouteHandler {
  // Its own replay cache: a captured invalidation request cannot be sent again.
  const verifier = createGatewayTokenVerifier({ audience: GATEWAY_AUDIENCE, secret: options.internalSecret });

  return async (req: IncomingMessage, res: ServerResponse) => {
    if ((req.method ?? 'GET').toUpperCase() !== 'POST') {
      sendError(res, 405, ErrorCode.METHOD_NOT_ALLOWED, 'Use POST', { allow: 'POST' });
      return;
    }
    let requestId: string | undefined;
    try {
      ({ requestId } = await verifier.verify(req.headers[GATEWAY_TOKEN_HEADER]));
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : 'Gateway credentials are invalid';
      sendError(res, 401, ErrorCode.UNAUTHENTICATED, message);
      return;
    }

    let subgraph: unknown;
    try {
      const body = JSON.parse((await readRequestBody(req, MAX_BODY_BYTES)).toString('utf8')) as unknown;
      subgraph = typeof body === 'object' && body !== null ? (body as { subgraph?: unknown }).subgraph : undefined;
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        sendError(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `Request body exceeds ${MAX_BODY_BYTES} bytes`, { connection: 'close' });
      } else {
        sendError(res, 400, ErrorCode.BAD_REQUEST, 'The body must be JSON: {"subgraph": "<name>"}');
      }
      return;
    }
    const known = options.subgraphNames();
    if (typeof subgraph !== 'string' || !known.includes(subgraph)) {
      sendError(res, 400, ErrorCode.BAD_USER_INPUT, `"subgraph" must name one of the supergraph's subgraphs: ${known.join(', ')}`);
      return;
    }

    if (!options.generations) {
      sendJson(res, 200, { subgraph, invalidated: false, reason: 'the response cache is off' }, NO_STORE);
      return;
    }
    try {
      const generation = await options.generations.bump(subgraph);
      options.logger.info(`Response cache: ${subgraph} invalidated (request ${requestId ?? 'unknown'})`);
      sendJson(res, 200, { subgraph, invalidated: true, generation }, NO_STORE);
    } catch (error) {
      options.logger.warn(`Response cache: invalidating ${subgraph} failed: ${(error as Error).message}`);
      sendError(res, 503, ErrorCode.CACHE_UNAVAILABLE, 'The cache backend is unavailable; cached responses expire by their maxAge');
    }
  };
}
