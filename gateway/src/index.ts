export {
  createGateway,
  healthUrlFor,
  maskErrorForProduction,
  maskErrorStrictly,
  type CreateGatewayOptions,
  type Gateway,
  type GatewayContext,
  type Readiness,
  type SubgraphReadiness,
} from './createGateway.js';
export {
  DEFAULT_GATEWAY_PORT,
  DEFAULT_OPERATION_TIMEOUT_MS,
  DEFAULT_READY_TIMEOUT_MS,
  DEFAULT_SUBGRAPH_TIMEOUT_MS,
  DEFAULT_SUPERGRAPH_PATH,
  loadGatewayConfig,
  subgraphEnvName,
  subgraphUrlEnvVar,
  subgraphUrlOverridesFromEnv,
  type Env,
  type GatewayConfig,
} from './config.js';
export {
  FileSupergraphSource,
  prepareSupergraph,
  type FileSupergraphSourceOptions,
  type LoadedSupergraph,
  type ReloadOutcome,
  type SupergraphSubgraph,
} from './supergraph-source.js';
export {
  createPooledFetcher,
  isReplayableGraphQLRequest,
  subgraphFetchError,
  SubgraphDataSource,
  SubgraphTimeoutError,
  SUBGRAPH_UNAVAILABLE,
  type Fetcher,
  type FetcherResponse,
  type PooledFetcher,
  type PooledFetcherOptions,
  type SubgraphDataSourceOptions,
  type SubgraphRequestContext,
} from './subgraph-data-source.js';
export { consoleLogger, type Logger } from './logger.js';
export * from './auth.js';
export * from './rate-limit.js';
export * from './limits.js';
export { withoutSecurityPurpose, SUBGRAPH_ENFORCED_SPECS } from './security-links.js';
