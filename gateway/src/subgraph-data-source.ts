// How the gateway talks to a subgraph: over pooled keep-alive connections, with a time limit,
// forwarding the request id, and turning "could not reach it" into an error that names it.
import http from 'node:http';
import https from 'node:https';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ErrorCode, GATEWAY_TOKEN_HEADER, PUBLIC_VIEWER, type Viewer } from '@govgraph/core';
import { fetchKey, InFlightFetches, isQueryOperation } from './subgraph-fetch-dedup.js';

/** The fetch-like function Apollo Gateway calls (the `Fetcher` of @apollo/utils.fetcher). */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
export type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;

export const SUBGRAPH_UNAVAILABLE = ErrorCode.SUBGRAPH_UNAVAILABLE;
export const REQUEST_ID_HEADER = 'x-request-id';

/** What the gateway's per-request context must offer its data sources. */
export interface SubgraphRequestContext {
  requestId?: string;
  /** The verified caller (a @govgraph/core Viewer). */
  viewer?: unknown;
}

export class SubgraphTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(readonly timeoutMs: number) {
    super(`request timed out after ${timeoutMs} ms`);
    this.name = 'SubgraphTimeoutError';
  }
}

export interface PooledFetcherOptions {
  /** Bound on one whole exchange: connect, send, and read the full response. */
  timeoutMs: number;
  /** Per origin. Default 256. */
  maxSockets?: number;
  /**
   * Whether a request may be sent again when a pooled connection turns out to have been closed
   * by the server before it answered. Default: GET and HEAD only.
   */
  isReplayable?: (init: FetcherRequestInit) => boolean;
}

export interface PooledFetcher {
  /** A `Fetcher` bounded by the default timeout. */
  fetch: Fetcher;
  /** The same, with its own time limit (the readiness probe wants a shorter one). */
  fetchWithTimeout(url: string, init: FetcherRequestInit | undefined, timeoutMs: number): Promise<FetcherResponse>;
  /** Closes every pooled socket; call once nothing is in flight. */
  destroy(): void;
}

// Statuses that may not carry a body in a Fetch `Response`.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const isSafeMethod = (init: FetcherRequestInit) => ['GET', 'HEAD'].includes((init.method ?? 'GET').toUpperCase());

/**
 * A GraphQL POST is safe to send again unless it is a mutation. The gateway's subgraph operations
 * are printed by its query planner, so the operation keyword (or `{`) comes first.
 */
export function isReplayableGraphQLRequest(init: FetcherRequestInit): boolean {
  if (isSafeMethod(init)) return true;
  if (typeof init.body !== 'string') return false;
  try {
    const { query } = JSON.parse(init.body) as { query?: unknown };
    return typeof query === 'string' && !/^\s*(mutation|subscription)\b/.test(query);
  } catch {
    return false;
  }
}

function isStaleConnectionError(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ECONNRESET' || error.code === 'EPIPE';
}

/**
 * A minimal fetch over node:http with keep-alive agents, so subgraph connections are pooled and
 * reused instead of opened per request, and so the gateway can close them all on shutdown.
 * Buffers whole responses (subgraph answers are JSON documents) and never follows redirects.
 *
 * One retry rule: a pooled connection the server has just closed (it restarted, or its idle
 * timeout struck while we were writing) fails with ECONNRESET/EPIPE before any answer. Such a
 * request never reached the application, so a replayable one is sent again on another
 * connection, the way browsers and undici do; otherwise a subgraph restart would fail one request
 * per pooled connection.
 */
export function createPooledFetcher(options: PooledFetcherOptions): PooledFetcher {
  const agentOptions: http.AgentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 256,
    maxFreeSockets: 64,
    // Reuse the most recently used socket, so that surplus idle ones age out.
    scheduling: 'lifo',
    // Idle sockets are dropped after this (the agent only applies it to free sockets); it stays
    // below the 65 s keep-alive of our own HTTP adapter so the gateway, not the subgraph, closes
    // an idle connection.
    timeout: 60_000,
  };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const isReplayable = options.isReplayable ?? isSafeMethod;

  function fetchWithTimeout(url: string, init: FetcherRequestInit = {}, timeoutMs: number): Promise<FetcherResponse> {
    return new Promise<FetcherResponse>((resolve, reject) => {
      const target = new URL(url);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') {
        reject(new Error(`unsupported protocol ${target.protocol} in ${url}`));
        return;
      }
      const transport = target.protocol === 'https:' ? https : http;
      const agent = agents[target.protocol];
      const body = init.body === undefined ? undefined : Buffer.from(init.body);
      const headers: Record<string, string> = { ...init.headers };
      if (body) headers['content-length'] = String(body.length);
      const replayable = isReplayable(init);

      let settled = false;
      let current: http.ClientRequest | undefined;
      const finish = () => {
        settled = true;
        clearTimeout(timer);
        init.signal?.removeEventListener?.('abort', onAbort);
      };
      const fail = (error: Error) => {
        if (settled) return;
        finish();
        current?.destroy(error);
        reject(error);
      };
      const onAbort = () => fail(new Error('request aborted'));
      const timer = setTimeout(() => fail(new SubgraphTimeoutError(timeoutMs)), timeoutMs);
      if (init.signal?.aborted) {
        onAbort();
        return;
      }
      init.signal?.addEventListener?.('abort', onAbort);

      const attempt = () => {
        const req = transport.request(target, { method: init.method ?? 'GET', headers, agent });
        current = req;
        let answered = false;
        req.on('error', (error: NodeJS.ErrnoException) => {
          if (settled || req !== current) return;
          // Each retry consumes (and destroys) one stale pooled socket; a fresh connection has
          // reusedSocket false, so this ends.
          if (!answered && req.reusedSocket && replayable && isStaleConnectionError(error)) attempt();
          else fail(error);
        });
        req.on('response', (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', fail);
          res.on('close', () => {
            if (!res.complete) fail(new Error('connection closed before the response was complete'));
          });
          res.on('end', () => {
            if (settled) return;
            finish();
            const status = res.statusCode ?? 0;
            const responseHeaders = new Headers();
            for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
              responseHeaders.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
            }
            const response = new Response(NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks), {
              status,
              statusText: res.statusMessage ?? '',
              headers: responseHeaders,
            });
            // A constructed Response has an empty `url`; Apollo puts it in error extensions.
            Object.defineProperty(response, 'url', { value: url });
            resolve(response);
          });
        });
        req.end(body);
      };
      attempt();
    });
  }

  return {
    fetch: (url, init) => fetchWithTimeout(url, init, options.timeoutMs),
    fetchWithTimeout,
    destroy() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** Statuses that say "the subgraph is not there", typically from a proxy in front of it. */
const UNAVAILABLE_STATUSES = new Set([502, 503, 504]);

/**
 * The error the gateway reports for a failed subgraph fetch. Apollo Gateway puts it in the
 * response `errors` as is, next to whatever data the other subgraphs returned.
 */
export function subgraphFetchError(serviceName: string, error: Error, response?: FetcherResponse): GraphQLError {
  if (!response || UNAVAILABLE_STATUSES.has(response.status)) {
    // No response at all (refused, reset, timed out, DNS) or a gateway/proxy status.
    const reason = response ? `HTTP ${response.status} ${response.statusText}`.trim() : error.message;
    return new GraphQLError(`Subgraph "${serviceName}" is unavailable: ${reason}`, {
      originalError: error,
      extensions: {
        ...(error instanceof GraphQLError ? error.extensions : {}),
        code: SUBGRAPH_UNAVAILABLE,
        serviceName,
      },
    });
  }
  if (error instanceof GraphQLError) {
    // An HTTP error answer (Apollo's `errorFromResponse`: url, status and body, 401/403 mapped to
    // UNAUTHENTICATED/FORBIDDEN): keep all of it and say which subgraph answered.
    return new GraphQLError(error.message, {
      originalError: error,
      extensions: { ...error.extensions, serviceName },
    });
  }
  // It answered 2xx with something that is not a GraphQL response.
  return new GraphQLError(`Subgraph "${serviceName}" sent an invalid response: ${error.message}`, {
    originalError: error,
    extensions: { serviceName },
  });
}

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph, used in errors. */
  name: string;
  url: string;
  fetcher: Fetcher;
  /** Mints the gateway's credentials for one fetch, sent as `x-govgraph-gateway-token`. */
  credentials?: (context: SubgraphRequestContext) => Promise<string>;
  /** Share identical query fetches of the same caller that are in flight at once. Default false. */
  dedup?: boolean;
}

type DataSourceContext = SubgraphRequestContext & Record<string, unknown>;
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;
/** A fetch made for a client's operation (not a health check or schema load). */
type IncomingOperationOptions = Extract<GraphQLDataSourceProcessOptions<DataSourceContext>, { incomingRequestContext: unknown }>;
type CachePolicy = NonNullable<IncomingOperationOptions['incomingRequestContext']['overallCachePolicy']>;

// The request-kind enum is not exported by @apollo/gateway; only incoming operations carry this.
function isIncomingOperation(options: GraphQLDataSourceProcessOptions<DataSourceContext>): options is IncomingOperationOptions {
  return 'incomingRequestContext' in options;
}

/**
 * The cache hint a subgraph's Cache-Control header gives, read as RemoteGraphQLDataSource reads
 * it: no header or no max-age is maxAge 0 (not cacheable), `private` narrows the scope.
 */
export function cacheHintFromHeader(header: string | null | undefined): { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } {
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: 0 };
  for (const directive of (header ?? '').split(',')) {
    const [name = '', value] = directive.trim().toLowerCase().split('=', 2);
    if (name === 'max-age' && value !== undefined && /^[0-9]+$/.test(value)) hint.maxAge = Number(value);
    else if (name === 'private') hint.scope = 'PRIVATE';
    else if (name === 'public') hint.scope = 'PUBLIC';
  }
  return hint;
}

export class SubgraphDataSource extends RemoteGraphQLDataSource<DataSourceContext> {
  readonly serviceName: string;
  private readonly credentials: SubgraphDataSourceOptions['credentials'];

  private readonly inFlight: InFlightFetches<SubgraphResponse> | undefined;

  constructor(options: SubgraphDataSourceOptions) {
    // honorSubgraphCacheControlHeader stays at its default (true): each subgraph's Cache-Control
    // narrows the operation's cache policy, which is what the response cache follows.
    super({ url: options.url, fetcher: options.fetcher });
    // Assigned after super(): RemoteGraphQLDataSource copies its config with Object.assign, and
    // class fields of a subclass are (re)defined only once super() returns.
    this.serviceName = options.name;
    this.credentials = options.credentials;
    this.inFlight = options.dedup
      ? new InFlightFetches<SubgraphResponse>((response) => {
          const json = JSON.stringify({ data: response.data, errors: response.errors, extensions: response.extensions });
          const http = response.http;
          return () => ({ ...(JSON.parse(json) as SubgraphResponse), ...(http ? { http } : {}) });
        })
      : undefined;
  }

  /** How many fetches were answered by an identical one in flight (0 without dedup). */
  get sharedFetches(): number {
    return this.inFlight?.sharedCount ?? 0;
  }

  override async process(options: GraphQLDataSourceProcessOptions<DataSourceContext>): Promise<SubgraphResponse> {
    const { request } = options;
    if (!this.inFlight || !isIncomingOperation(options) || !request.query || !isQueryOperation(request.query)) {
      return super.process(options);
    }
    const viewer = (options.context?.viewer as Viewer | undefined) ?? PUBLIC_VIEWER;
    const key = fetchKey({ query: request.query, operationName: request.operationName, variables: request.variables, viewer });
    // The leader's own process() sends the request (minting its token only then) and narrows the
    // leader's cache policy; a follower narrows its own from the same answer's header, or a
    // follower's response could be cached longer than the subgraph allowed.
    const { led, result } = this.inFlight.run(key, () => super.process(options));
    const response = await result;
    const policy = options.incomingRequestContext.overallCachePolicy as CachePolicy | undefined;
    if (!led && policy) policy.restrict(cacheHintFromHeader(response.http?.headers.get('cache-control')));
    return response;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<DataSourceContext>): Promise<void> {
    // Health checks and schema loading run with an empty context: no request id to forward then.
    const requestId = context?.requestId;
    if (requestId && request.http) request.http.headers.set(REQUEST_ID_HEADER, requestId);
    if (this.credentials && request.http) {
      request.http.headers.set(GATEWAY_TOKEN_HEADER, await this.credentials(context ?? {}));
    }
  }

  override didEncounterError(error: Error, _fetchRequest: unknown, fetchResponse?: FetcherResponse): never {
    throw subgraphFetchError(this.serviceName, error, fetchResponse);
  }
}
