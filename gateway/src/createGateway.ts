// The gateway server factory: an ApolloServer over an ApolloGateway reading a static supergraph
// file, plus the /health and /ready routes. It never listens: `main.ts` (or a test) hands the
// result to `startHttpServer` from @govgraph/core.
import type { IncomingMessage } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { sendJson, type HttpServerOptions, type RouteHandler } from '@govgraph/core';
import { createExplorerHandler } from '@govgraph/explorer';
import { DEFAULT_READY_TIMEOUT_MS, DEFAULT_SUBGRAPH_TIMEOUT_MS } from './config.js';
import { consoleLogger, type Logger } from './logger.js';
import { createPooledFetcher, isReplayableGraphQLRequest, SubgraphDataSource } from './subgraph-data-source.js';
import { FileSupergraphSource } from './supergraph-source.js';

/** Per-request context. Auth will add the verified caller here. */
export interface GatewayContext extends BaseContext {
  requestId: string;
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

function requestIdPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          result.extensions = { ...result.extensions, requestId: contextValue.requestId };
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

  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) => new SubgraphDataSource({ name, url: url ?? '', fetcher: pool.fetch }),
    // Always validate, also in production: a half-written or hand-edited file must be refused on
    // reload rather than served.
    validateSupergraph: true,
    logger,
  });

  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    requestIdPlugin(),
    // Apollo's default landing page loads from Apollo's CDN, which an offline government network
    // cannot reach; the project's own explorer is served by the HTTP layer instead.
    ApolloServerPluginLandingPageDisabled(),
    {
      async serverWillStart() {
        return {
          // Runs after the HTTP server has drained, so no subgraph fetch is in flight.
          async serverWillStop() {
            pool.destroy();
          },
        };
      },
    },
  ];
  if (!usageReporting) plugins.push(ApolloServerPluginUsageReportingDisabled());

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection,
    includeStacktraceInErrorResponses: false,
    ...(production ? { formatError: maskErrorForProduction } : {}),
    logger,
    plugins,
    // main.ts owns the signals: it closes the HTTP server, which drains and then stops Apollo.
    // Apollo's own handler would stop it behind our back and re-raise the signal.
    stopOnTerminationSignals: false,
  });

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
      context: async ({ requestId }: { req: IncomingMessage; requestId: string }) => ({ requestId }),
      routes,
      // The explorer follows the introspection switch: off in production unless enabled.
      ...(introspection ? { onRequest: createExplorerHandler({ graphqlPath: '/graphql', title: 'GovGraph Explorer' }) } : {}),
    },
    checkReadiness,
  };
}
