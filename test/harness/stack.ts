import { freePort, startProcess, startSubgraphProcesses, waitForOk, type ServiceProcess } from '@govgraph/local-stack';

export interface RunningStack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  processes: ServiceProcess[];
  stop: () => Promise<void>;
}

/**
 * The real graph: four subgraph processes on the full 2021 dataset (seeded on first start into the
 * data folder, as `npm start` does) and the gateway process over the committed supergraph, with
 * subgraph URLs overridden to the free ports chosen here.
 */
export async function startStack(
  seedTimeoutMs = 600_000,
  /** Extra environment for the four subgraph processes (e.g. GOVGRAPH_SLOW_QUERY_MS). */
  subgraphEnv: Record<string, string> = {},
): Promise<RunningStack> {
  // Every process checks credentials: the secrets come from the environment (vitest.config.ts).
  for (const name of ['GOVGRAPH_INTERNAL_SECRET', 'GOVGRAPH_JWT_SECRET']) {
    if (!process.env[name]) throw new Error(`${name} must be set before the stack starts`);
  }
  const subgraphs = await startSubgraphProcesses({ seedTimeoutMs, env: subgraphEnv });
  const processes = [...subgraphs.processes];
  try {
    const gatewayPort = await freePort();
    const gateway = startProcess('gateway', 'gateway/src/main.ts', { ...subgraphs.gatewayEnv, GATEWAY_PORT: String(gatewayPort) });
    processes.push(gateway);
    await waitForOk(`http://127.0.0.1:${gatewayPort}/ready`, gateway, 60_000);
    return {
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
      subgraphUrls: subgraphs.urls,
      processes,
      stop: async () => {
        await Promise.all(processes.map((p) => p.stop()));
      },
    };
  } catch (error) {
    await Promise.all(processes.map((p) => p.stop()));
    throw error;
  }
}
