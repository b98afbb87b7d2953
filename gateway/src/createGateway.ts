// The gateway server factory: an ApolloServer over an ApolloGateway reading a static supergraph
// file, plus the /health and /ready routes. It never listens: `main.ts` (or a test) hands the
// result to `startHttpServer` from @govgraph/core.
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import {
  CACHE_INVALIDATION_PATH,
  ErrorCode,
  mintGatewayToken,
  PUBLIC_VIEWER,
  sendJson,
  type HttpServerOptions,
  type RouteHandler,
  type Viewer,
} from '@govgraph/core';
import { createExplorerHandler } from '@govgraph/explorer';
import { DEFAULT_READY_TIMEOUT_MS, DEFAULT_SUBGRAPH_TIMEOUT_MS } from './config.js';
import type { Authenticator } from './auth.js';
import { createMemoryCacheBackend, createRedisCacheBackend, type CacheBackend, type ResponseCacheMode } from './cache-backend.js';
import { SubgraphGenerations } from './cache-generations.js';
import { createCacheInvalidationRoute } from './cache-invalidation-route.js';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits.js';
import { consoleLogger, type Logger } from './logger.js';
import { createRateLimiter, DEFAULT_RATE_LIMIT_PER_MINUTE, rateLimitedError } from './rate-limit.js';
import { OperationSubgraphs } from './operation-subgraphs.js';
import { QueryPlanCache } from './query-plan-cache.js';
import { responseCachePlugins } from './response-cache.js';
import { createPooledFetcher, isReplayableGraphQLRequest, SubgraphDataSource } from './subgraph-data-source.js';
import { FileSupergraphSource, prepareSupergraph } from './supergraph-source.js';

/**
 * How long a registered persisted query is kept. Clients re-register a forgotten one on their own
 * (PERSISTED_QUERY_NOT_FOUND, then hash and text), so this only bounds what Redis holds.
 */
export const PERSISTED_QUERY_TTL_SECONDS = 24 * 60 * 60;

/** Per-request context: the request id and the verified caller. */
export interface GatewayContext extends BaseContext {
  requestId: string;
  viewer: Viewer;
}

export interface CreateGatewayOptions {
  supergraphPath: string;
  /** Keyed by env name (`SERVICE_ITEMS`); see `subgraphUrlOverridesFromEnv`. */
  subgraphUrlOverrides?: Readonly<Record<string, string>>;
  /** Bound on each subgraph fetch. Default 10 s. */
  subgraphTimeoutMs?: number;
  /** Bound on each subgraph /health probe made by /ready. Default 2 s. */
  readyTimeoutMs?: number;
  /** Default: NODE_ENV === 'production'. Strips internals from error extensions. */
  production?: boolean;
  /** Default: on unless production. */
  introspection?: boolean;
  /** Hot-reload the supergraph file. Default true. */
  watch?: boolean;
  watchDebounceMs?: number;
  logger?: Logger;
  /** Report usage to Apollo's cloud. Default: only when APOLLO_KEY and APOLLO_GRAPH_REF are set. */
  apolloUsageReporting?: boolean;
  /** Verifies the caller's bearer token. Default: everyone is the public viewer (tests only). */
  authenticate?: Authenticator;
  /**
   * Signs the gateway's credentials for each subgraph fetch (GOVGRAPH_INTERNAL_SECRET). Without
   * it no credentials are sent, which only subgraphs that do not check them (test fixtures) accept.
   */
  internalSecret?: Uint8Array;
  /** Requests per minute per client (token `sub`, else IP). Default 6000. */
  rateLimitPerMinute?: number;
  /** Depth, aliases, cost, tokens and directives per operation. */
  limits?: Partial<OperationLimits>;
  /**
   * Where responses are cached: `memory` (default), `redis` (needs `redisUrl`) or `off`.
   * Persisted queries use the same backend (Redis whenever `redisUrl` is given).
   */
  responseCache?: ResponseCacheMode;
  redisUrl?: string;
  /** Bound on the in-memory response and persisted-query cache. */
  memoryCacheMiB?: number;
  /** Bound on the query plan cache. */
  queryPlanCacheMiB?: number;
  /** Share identical subgraph fetches of the same caller that are in flight at once. Default true. */
  dedupSubgraphFetches?: boolean;
}

export interface SubgraphReadiness {
  name: string;
  url: string;
  healthUrl: string;
  up: boolean;
  reason?: string;
}

export interface Readiness {
  ready: boolean;
  subgraphs: SubgraphReadiness[];
}

export interface Gateway {
  /** Not started: `startHttpServer` starts it (and stopping it stops the gateway). */
  apollo: ApolloServer<GatewayContext>;
  supergraph: FileSupergraphSource;
  /** Everything `startHttpServer` needs but the port and host. */
  http: Pick<HttpServerOptions<GatewayContext>, 'apollo' | 'context' | 'routes' | 'onRequest'>;
  checkReadiness(): Promise<Readiness>;
  /** The query plan cache, whose `plansBuilt` counts how often the planner ran. */
  queryPlanCache: QueryPlanCache;
  /** Subgraph fetches answered by an identical one already in flight, since start. */
  sharedSubgraphFetches(): number;
}

/** A subgraph's /health, derived from its GraphQL URL: `.../graphql` becomes `.../health`. */
export function healthUrlFor(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = /\/graphql\/?$/.test(url.pathname) ? url.pathname.replace(/\/graphql\/?$/, '/health') : '/health';
  url.search = '';
  url.hash = '';
  return url.toString();
}

// Extensions that describe our internals (stack, subgraph URLs and raw bodies): kept in
// development where they help, never sent in production.
const INTERNAL_EXTENSIONS = ['stacktrace', 'exception', 'response'];

export function maskErrorForProduction(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions) return formatted;
  const extensions = { ...formatted.extensions };
  for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
  return { ...formatted, extensions };
}

/**
 * In production an error says only what a client may act on: its code, its message (a generic one
 * for internal errors, whose text may name a table or a host) and the request id to quote to
 * support. Everything else stays in the logs.
 */
export function maskErrorStrictly(formatted: GraphQLFormattedError, requestId: string | undefined): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
  const internal = code === ErrorCode.INTERNAL_SERVER_ERROR;
  return {
    message: internal ? 'Internal server error' : formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code,
      ...(requestId !== undefined ? { requestId } : {}),
      ...(typeof formatted.extensions?.serviceName === 'string' ? { serviceName: formatted.extensions.serviceName } : {}),
      ...(typeof formatted.extensions?.retryAfterSeconds === 'number'
        ? { retryAfterSeconds: formatted.extensions.retryAfterSeconds }
        : {}),
    },
  };
}

/**
 * An operation name the document does not define is the caller's mistake: 400
 * OPERATION_RESOLUTION_FAILURE, as Apollo Server answers without a gateway, rather than the
 * gateway executor's 500.
 */
function operationResolutionPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const name = request.operationName;
          throw new GraphQLError(name ? `Unknown operation named "${name}".` : 'Must provide operation name if query contains multiple operations.', {
            extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
          });
        },
      };
    },
  };
}

function requestIdPlugin(production: boolean): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          // contextValue is empty when the context function itself failed (bad token, rate limit).
          const requestId = (contextValue as Partial<GatewayContext>).requestId;
          result.extensions = { ...result.extensions, ...(requestId !== undefined ? { requestId } : {}) };
          if (production && result.errors) result.errors = result.errors.map((e) => maskErrorStrictly(e, requestId));
        },
      };
    },
  };
}

export function createGateway(options: CreateGatewayOptions): Gateway {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const introspection = options.introspection ?? !production;
  const logger = options.logger ?? consoleLogger('gateway');
  const usageReporting =
    options.apolloUsageReporting ?? Boolean(process.env.APOLLO_KEY && process.env.APOLLO_GRAPH_REF);
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const internalSecret = options.internalSecret;

  const pool = createPooledFetcher({
    timeoutMs: options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS,
    isReplayable: isReplayableGraphQLRequest,
  });
  const supergraph = new FileSupergraphSource({
    path: options.supergraphPath,
    urlOverrides: options.subgraphUrlOverrides ?? {},
    logger,
    ...(options.watch !== undefined ? { watch: options.watch } : {}),
    ...(options.watchDebounceMs !== undefined ? { debounceMs: options.watchDebounceMs } : {}),
  });

  const responseCacheMode = options.responseCache ?? 'memory';
  if (responseCacheMode === 'redis' && !options.redisUrl) throw new Error('the redis response cache needs a Redis URL');
  // Persisted queries always need a store; the response cache uses the same one unless it is off.
  const cacheBackend: CacheBackend = options.redisUrl && responseCacheMode !== 'memory'
    ? createRedisCacheBackend({ url: options.redisUrl, logger })
    : createMemoryCacheBackend(options.memoryCacheMiB !== undefined ? { maxMiB: options.memoryCacheMiB } : {});
  const generations = responseCacheMode === 'off' ? undefined : new SubgraphGenerations(cacheBackend.generations);
  const queryPlanCache = new QueryPlanCache(options.queryPlanCacheMiB);
  const operationSubgraphs = new OperationSubgraphs();
  let supergraphId = 'none';
  let subgraphNames: readonly string[] = [];
  // By subgraph name: a reloaded supergraph replaces its data sources.
  const dataSources = new Map<string, SubgraphDataSource>();
  const dedup = options.dedupSubgraphFetches ?? true;

  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    queryPlannerConfig: { cache: queryPlanCache },
    // Called for every operation with its (usually cached) plan: learn which subgraphs it reads.
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) =>
      operationSubgraphs.record({ queryHash: requestContext.queryHash, operationName: requestContext.operationName }, queryPlan),
    buildService: ({ name, url }) => {
      const dataSource = new SubgraphDataSource({
        name,
        url: url ?? '',
        fetcher: pool.fetch,
        dedup,
        // Each fetch gets its own short-lived token, for this subgraph only (audience), carrying
        // the verified caller and the request id.
        ...(internalSecret
          ? {
              credentials: ({ requestId, viewer }) =>
                mintGatewayToken({
                  audience: name,
                  viewer: (viewer as Viewer | undefined) ?? PUBLIC_VIEWER,
                  requestId: requestId ?? 'none',
                  secret: internalSecret,
                }),
            }
          : {}),
      });
      dataSources.set(name, dataSource);
      return dataSource;
    },
    // Always validate, also in production: a half-written or hand-edited file must be refused on
    // reload rather than served.
    validateSupergraph: true,
    logger,
  });
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    const { subgraphs } = prepareSupergraph(coreSupergraphSdl);
    // The supergraph without its subgraph URLs: replicas that reach the subgraphs at different
    // addresses still share cached responses, and any other change starts a fresh cache.
    const withoutUrls = subgraphs.reduce((sdl, { url }) => sdl.split(JSON.stringify(url)).join('""'), coreSupergraphSdl);
    supergraphId = createHash('sha256').update(withoutUrls).digest('base64url').slice(0, 22);
    subgraphNames = subgraphs.map((s) => s.name);
    operationSubgraphs.resetSubgraphs(subgraphNames);
  });

  const limits = { ...DEFAULT_OPERATION_LIMITS, ...options.limits };
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    costLimit: { maxCost: limits.maxCost },
    // The token limit is graphql-js's own parser option (parseOptions below): armor's throws from
    // a plugin hook, which Apollo answers with a masked 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives },
    // "Did you mean ...?" spells out the schema to someone who may not see it.
    blockFieldSuggestion: { enabled: production },
  }).protect();

  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    requestIdPlugin(production),
    operationResolutionPlugin(),
    ...(armor.plugins as ApolloServerPlugin<GatewayContext>[]),
    // Apollo's default landing page loads from Apollo's CDN, which an offline government network
    // cannot reach; the project's own explorer is served by the HTTP layer instead.
    ApolloServerPluginLandingPageDisabled(),
    {
      async serverWillStart() {
        return {
          // Runs after the HTTP server has drained, so no subgraph fetch is in flight.
          async serverWillStop() {
            pool.destroy();
            await cacheBackend.close();
          },
        };
      },
    },
  ];
  if (!usageReporting) plugins.push(ApolloServerPluginUsageReportingDisabled());
  if (generations) {
    plugins.push(
      ...responseCachePlugins({
        cache: cacheBackend.entries,
        generations,
        operationSubgraphs,
        supergraphId: () => supergraphId,
        logger,
      }),
    );
  }

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection,
    includeStacktraceInErrorResponses: false,
    ...(production ? { formatError: maskErrorForProduction } : {}),
    validationRules: armor.validationRules,
    // Past this many tokens the parser stops: 400 GRAPHQL_PARSE_FAILED.
    parseOptions: { maxTokens: limits.maxTokens },
    // A JSON array of operations is refused (400): one HTTP request is one operation, so the
    // limits and the rate limit count what they mean to.
    allowBatchedHttpRequests: false,
    // Automatic persisted queries (on by default in Apollo Server) in the shared cache backend.
    cache: cacheBackend.entries,
    persistedQueries: { ttl: PERSISTED_QUERY_TTL_SECONDS },
    logger,
    plugins,
    // Compact JSON: Apollo's default indents every answer, which costs ~5% of the gateway's CPU on
    // the dashboard scorecard and a third more bytes; clients and the explorer format it themselves.
    stringifyResult: (result) => JSON.stringify(result),
    // main.ts owns the signals: it closes the HTTP server, which drains and then stops Apollo.
    // Apollo's own handler would stop it behind our back and re-raise the signal.
    stopOnTerminationSignals: false,
  });

  const authenticate: Authenticator = options.authenticate ?? (async () => PUBLIC_VIEWER);
  const rateLimiter = createRateLimiter(options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE);

  async function checkReadiness(): Promise<Readiness> {
    const current = supergraph.current();
    if (!current) return { ready: false, subgraphs: [] };
    const subgraphs = await Promise.all(
      current.subgraphs.map(async ({ name, url }): Promise<SubgraphReadiness> => {
        const healthUrl = healthUrlFor(url);
        try {
          const res = await pool.fetchWithTimeout(healthUrl, { method: 'GET' }, readyTimeoutMs);
          return res.ok ? { name, url, healthUrl, up: true } : { name, url, healthUrl, up: false, reason: `HTTP ${res.status}` };
        } catch (error) {
          return { name, url, healthUrl, up: false, reason: (error as Error).message };
        }
      }),
    );
    return { ready: subgraphs.every((s) => s.up), subgraphs };
  }

  const noStore = { 'cache-control': 'no-store' };
  const routes: Record<string, RouteHandler> = {
    // Without the internal secret nobody could be allowed to call it: no route at all then.
    ...(internalSecret
      ? {
          [CACHE_INVALIDATION_PATH]: createCacheInvalidationRoute({
            internalSecret,
            generations,
            subgraphNames: () => subgraphNames,
            logger,
          }),
        }
      : {}),
    '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }, noStore),
    '/ready': async (_req, res) => {
      const readiness = await checkReadiness();
      const subgraphs = readiness.subgraphs.map(({ name, up, reason }) => ({
        name,
        status: up ? 'up' : 'down',
        ...(reason !== undefined ? { reason } : {}),
      }));
      if (readiness.ready) {
        sendJson(res, 200, { status: 'ready', subgraphs }, noStore);
      } else {
        const down = readiness.subgraphs.filter((s) => !s.up).map((s) => s.name);
        sendJson(res, 503, { status: 'unavailable', down, subgraphs }, noStore);
      }
    },
  };

  return {
    apollo,
    supergraph,
    http: {
      apollo,
      context: async ({ req, requestId }: { req: IncomingMessage; requestId: string }) => {
        const viewer = await authenticate(req.headers.authorization);
        const decision = rateLimiter.take(viewer.sub !== null ? `sub:${viewer.sub}` : `ip:${req.socket.remoteAddress ?? 'unknown'}`);
        if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds);
        return { requestId, viewer };
      },
      routes,
      // The explorer follows the introspection switch: off in production unless enabled.
      ...(introspection ? { onRequest: createExplorerHandler({ graphqlPath: '/graphql', title: 'GovGraph Explorer' }) } : {}),
    },
    checkReadiness,
    queryPlanCache,
    sharedSubgraphFetches: () => [...dataSources.values()].reduce((sum, source) => sum + source.sharedFetches, 0),
  };
}
