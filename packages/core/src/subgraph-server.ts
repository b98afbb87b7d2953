import { readFileSync } from 'node:fs';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { applyAuthorization } from './authorization.js';
import { createGatewayTokenVerifier, GATEWAY_TOKEN_HEADER, resolveInternalSecret } from './gateway-credentials.js';
import { startHttpServer, sendJson, type RunningHttpServer } from './http-server.js';
import { resolveUnsignedCaller, TRUST_UNSIGNED_CALLS_ENV } from './unsigned-calls.js';
import type { Viewer } from './viewer.js';
import { schemaFile } from './paths.js';
import { subgraphPort, envName, type SubgraphName } from './subgraph-registry.js';

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: SubgraphName;
  /** Resolvers typed by codegen; loosened here because each subgraph has its own generated map. */
  resolvers: unknown;
  /**
   * Builds the per-request context (DataLoaders) from the request id. Called only once the
   * gateway's credentials verified; `viewer` is the caller they carry, and is also added to the
   * returned context as `viewer` for the authorization directives.
   */
  context: (args: {
    requestId: string;
    headers: Record<string, string | string[] | undefined>;
    viewer: Viewer;
  }) => Promise<TContext>;
  /** 0 for an ephemeral port (tests); default from <NAME>_PORT or the registry. */
  port?: number;
  /** Extra readiness check for /health, e.g. a `select 1` against the database. */
  healthCheck?: () => Promise<void>;
}

export function resolvePort(name: SubgraphName, explicit?: number): number {
  if (explicit !== undefined) return explicit;
  const fromEnv = process.env[`${envName(name)}_PORT`];
  return fromEnv ? Number(fromEnv) : subgraphPort(name);
}

/**
 * Builds the subgraph's executable schema from its committed SDL file and its resolvers, with the
 * SDL's `@authenticated` / `@requiresScopes` enforced against `context.viewer`.
 */
export function buildSchemaFor(name: SubgraphName, resolvers: unknown) {
  const typeDefs = parse(readFileSync(schemaFile(name), 'utf8'));
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
  applyAuthorization(schema);
  return schema;
}

/**
 * Serves one subgraph: its schema at /graphql and /health. Every subgraph boots through here,
 * so limits, error shape and health behave the same in all four.
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningHttpServer> {
  // Resolved before listening: without a secret, or with unsigned calls allowed where they may
  // not be, the subgraph refuses to start.
  const unsignedCaller = resolveUnsignedCaller();
  if (unsignedCaller) {
    console.warn(
      `[${options.name}] ${TRUST_UNSIGNED_CALLS_ENV}=true: calls without gateway credentials are accepted as ` +
        `${unsignedCaller.sub ?? 'the public'} (scopes: ${unsignedCaller.scopes.join(' ') || 'none'}); for benchmarks only`,
    );
  }
  const verifier = createGatewayTokenVerifier({
    audience: options.name,
    secret: resolveInternalSecret(),
    ...(unsignedCaller ? { unsignedCaller } : {}),
  });
  const apollo = new ApolloServer<TContext>({
    schema: buildSchemaFor(options.name, options.resolvers),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    csrfPrevention: true,
    // main.ts owns signal handling (close the database after the server); Apollo's own handler
    // would stop the server a second time.
    stopOnTerminationSignals: false,
    plugins: [
      // Federated traces (ftv1) cost time on every request and nothing here reads them.
      ApolloServerPluginInlineTraceDisabled(),
      // Apollo installs this by default; spelled out because the gateway's response cache relies
      // on it: the SDL's @cacheControl hints become this response's Cache-Control header, and
      // anything without a hint counts as maxAge 0 (never cached), so caching is always opt-in.
      ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true }),
    ],
  });
  return startHttpServer<TContext>({
    apollo,
    port: resolvePort(options.name, options.port),
    // Everything but /health needs the gateway's credentials: a direct call is UNAUTHENTICATED.
    context: async ({ req, requestId }) => {
      const { viewer } = await verifier.verify(req.headers[GATEWAY_TOKEN_HEADER]);
      const context = await options.context({ requestId, headers: req.headers, viewer });
      return { ...context, viewer };
    },
    routes: {
      '/health': async (_req, res) => {
        try {
          await options.healthCheck?.();
          sendJson(res, 200, { status: 'ok', subgraph: options.name });
        } catch (error) {
          sendJson(res, 503, { status: 'unavailable', subgraph: options.name, reason: (error as Error).message });
        }
      },
    },
  });
}
