import { SUBGRAPHS, envName, type SubgraphName } from '@govgraph/core';
import { freePort } from './ports.js';
import { startProcess, waitForOk, type ServiceProcess } from './processes.js';

export interface RunningSubgraphs {
  /** Each subgraph's GraphQL endpoint. */
  urls: Record<SubgraphName, string>;
  /** `GOVGRAPH_SUBGRAPH_<NAME>_URL` for each, pointing GovGraph's gateway at these processes. */
  gatewayEnv: Record<string, string>;
  processes: ServiceProcess[];
  stop: () => Promise<void>;
}

export interface StartSubgraphsOptions {
  /** Added to every subgraph's environment. */
  env?: Record<string, string>;
  /** The first start seeds the full dataset: minutes, not seconds. */
  seedTimeoutMs?: number;
}

/**
 * The four subgraph processes on free ports, each on its database under the data folder (seeded on
 * first start, as `npm start` does), resolved once every /health answers. Secrets come from the
 * environment: the caller sets GOVGRAPH_INTERNAL_SECRET (or the dev-secret opt-in) first.
 */
export async function startSubgraphProcesses(options: StartSubgraphsOptions = {}): Promise<RunningSubgraphs> {
  const processes: ServiceProcess[] = [];
  const urls: Partial<Record<SubgraphName, string>> = {};
  const gatewayEnv: Record<string, string> = {};
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
  };
  try {
    await Promise.all(
      SUBGRAPHS.map(async ({ name }) => {
        const port = await freePort();
        const proc = startProcess(name, `subgraphs/${name}/src/main.ts`, {
          ...options.env,
          [`${envName(name)}_PORT`]: String(port),
        });
        processes.push(proc);
        urls[name] = `http://127.0.0.1:${port}/graphql`;
        gatewayEnv[`GOVGRAPH_SUBGRAPH_${envName(name)}_URL`] = urls[name]!;
        await waitForOk(`http://127.0.0.1:${port}/health`, proc, options.seedTimeoutMs ?? 600_000);
      }),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls: urls as Record<SubgraphName, string>, gatewayEnv, processes, stop };
}
