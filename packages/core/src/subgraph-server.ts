import { readFileSync } from 'node:fs';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { startHttpServer, sendJson, type RunningHttpServer } from './http-server.js';
import { schemaFile } from './paths.js';
import { subgraphPort, envName, type SubgraphName } from './subgraph-registry.js';

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: SubgraphName;
  /** Resolvers typed by codegen; loosened here because each subgraph has its own generated map. */
  resolvers: unknown;
  /** Builds the per-request context (DataLoaders, viewer) from the request id. */
  context: (args: { requestId: string; headers: Record<string, string | string[] | undefined> }) => Promise<TContext>;
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

/** Builds the subgraph's executable schema from its committed SDL file and its resolvers. */
export function buildSchemaFor(name: SubgraphName, resolvers: unknown) {
  const typeDefs = parse(readFileSync(schemaFile(name), 'utf8'));
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}

/**
 * Serves one subgraph: its schema at /graphql and /health. Every subgraph boots through here,
 * so limits, error shape and health behave the same in all four.
 */
export async function startSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<RunningHttpServer> {
  const apollo = new ApolloServer<TContext>({
    schema: buildSchemaFor(options.name, options.resolvers),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    csrfPrevention: true,
    // main.ts owns signal handling (close the database after the server); Apollo's own handler
    // would stop the server a second time.
    stopOnTerminationSignals: false,
    // Federated traces (ftv1) cost time on every request and nothing here reads them.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  return startHttpServer<TContext>({
    apollo,
    port: resolvePort(options.name, options.port),
    context: ({ req, requestId }) => options.context({ requestId, headers: req.headers }),
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
