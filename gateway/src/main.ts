#!/usr/bin/env -S npx tsx
// Boots the gateway: read config, build the server, listen, and stop cleanly on a signal.
import { startHttpServer } from '@govgraph/core';
import { createAuthenticator } from './auth.js';
import { loadGatewayConfig } from './config.js';
import { createGateway } from './createGateway.js';
import { consoleLogger } from './logger.js';
import { limitHeapGrowth } from './heap-growth.js';

const logger = consoleLogger('gateway');

/** A URL fit for a log line: without its password. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  limitHeapGrowth(config.heapGrowingPercent);
  const gateway = createGateway({ ...config, logger, authenticate: createAuthenticator(config.auth) });
  const server = await startHttpServer({
    ...gateway.http,
    operationTimeoutMs: config.operationTimeoutMs,
    port: config.port,
    ...(config.host !== undefined ? { host: config.host } : {}),
  });
  logger.info(`GovGraph gateway ready at ${server.url} (supergraph ${config.supergraphPath})`);
  const cacheStore = config.responseCache === 'off' ? 'off' : config.responseCache === 'redis' ? `redis at ${redactedUrl(config.redisUrl!)}` : 'memory';
  logger.info(`Response cache: ${cacheStore}; subgraph fetch dedup: ${config.dedupSubgraphFetches ? 'on' : 'off'}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting without waiting for in-flight requests`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: stopping`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Stopping failed: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Re-read the supergraph file on demand, e.g. where file watching is unreliable.
  process.on('SIGHUP', () => void gateway.supergraph.reload());
}

main().catch((error: unknown) => {
  logger.error(`Gateway failed to start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exit(1);
});
