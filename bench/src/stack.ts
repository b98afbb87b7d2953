// What the benchmark measures: either a stack it starts itself (the four subgraphs on the 2021
// dataset, and each gateway as its own process on a free port), or gateways already running.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDevJwtSecret, randomSecret, TRUST_UNSIGNED_CALLS_ENV, UNSIGNED_CALLER_SCOPES_ENV } from '@govgraph/core';
import { DEFAULT_SUPERGRAPH_PATH, mintCallerToken, prepareSupergraph, subgraphUrlOverridesFromEnv } from '@govgraph/gateway';
import { freePort, startProcess, startSubgraphProcesses, waitForOk, type ServiceProcess } from '@govgraph/local-stack';
import { SUPERGRAPH_FILE_ENV } from './peers/settings.js';
import { DIRECT_TARGET, TARGET_LABELS, type GatewayTarget, type TargetName } from './targets.js';

/** What every request carries: a caller allowed to read everything the scenarios ask for. */
export const CALLER_SCOPES = 'cloud:read';

export interface RunningTarget {
  name: TargetName;
  url: string;
  /** The process to read memory from; undefined for a target the benchmark did not start. */
  pid: number | undefined;
}

export interface BenchStack {
  targets: Map<TargetName, RunningTarget>;
  /** Bearer token every request sends (the peer gateways ignore it). */
  callerToken: string;
  /** The subgraph processes, to read their CPU time; empty for a stack the benchmark did not start. */
  subgraphs: { name: string; pid: number }[];
  /** Stops what the benchmark started: the gateways first, so a CPU profile gets written. */
  stop(): Promise<void>;
}

export interface StartBenchStackOptions {
  targets: readonly GatewayTarget[];
  /** Whether `direct` runs: the hotline subgraph becomes a target too. */
  direct: boolean;
  /** Run the govgraph target under `node --cpu-prof`, writing here. */
  cpuProfileDir?: string;
  log: (message: string) => void;
}

// GovGraph's gateway protects itself with a per-client rate limit (6,000 a minute by default); the
// benchmark is one client sending thousands a second, so the limit is raised (it is still checked
// on every request, so its cost stays in the figures).
const UNLIMITED_RATE = '1000000000';
const GRAPHQL_PROBE: RequestInit = {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ __typename }' }),
};

export async function startBenchStack(options: StartBenchStackOptions): Promise<BenchStack> {
  const internalSecret = randomSecret();
  const jwtSecret = randomSecret();
  const gateways: ServiceProcess[] = [];
  const tempDir = mkdtempSync(path.join(tmpdir(), 'govgraph-bench-'));
  options.log('starting the four subgraphs on the 2021 dataset');
  const subgraphs = await startSubgraphProcesses({
    env: {
      GOVGRAPH_INTERNAL_SECRET: internalSecret,
      // The peer gateways cannot mint GovGraph's per-fetch token: their calls are let in as a
      // caller with the same scopes the benchmark's token carries (development/benchmark only).
      [TRUST_UNSIGNED_CALLS_ENV]: 'true',
      [UNSIGNED_CALLER_SCOPES_ENV]: CALLER_SCOPES,
    },
  });
  const stop = async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await subgraphs.stop();
    rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    // The peers get the supergraph exactly as GovGraph's gateway loads it: the committed file,
    // subgraph URLs pointed at this run's processes, and the security specs' `for: SECURITY`
    // dropped (the subgraphs enforce them; stock @apollo/gateway refuses the file otherwise).
    const { supergraphSdl } = prepareSupergraph(
      readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8'),
      subgraphUrlOverridesFromEnv(subgraphs.gatewayEnv),
    );
    const supergraphFile = path.join(tempDir, 'supergraph.graphql');
    writeFileSync(supergraphFile, supergraphSdl);

    const targets = new Map<TargetName, RunningTarget>();
    await Promise.all(
      options.targets.map(async (name) => {
        const port = await freePort();
        const url = `http://127.0.0.1:${port}/graphql`;
        // Every gateway as it would run in production (introspection off, errors masked).
        const production = { NODE_ENV: 'production' };
        let proc: ServiceProcess;
        if (name === 'govgraph' || name === 'govgraph-cache') {
          proc = startProcess(
            name,
            'gateway/src/main.ts',
            {
              ...subgraphs.gatewayEnv,
              ...production,
              GATEWAY_PORT: String(port),
              GOVGRAPH_INTERNAL_SECRET: internalSecret,
              GOVGRAPH_JWT_SECRET: jwtSecret,
              GOVGRAPH_RATE_LIMIT_PER_MINUTE: UNLIMITED_RATE,
              GOVGRAPH_RESPONSE_CACHE: name === 'govgraph' ? 'off' : 'memory',
            },
            name === 'govgraph' && options.cpuProfileDir ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] } : {},
          );
          gateways.push(proc);
          await waitForOk(`http://127.0.0.1:${port}/ready`, proc, 90_000);
        } else {
          const script = name === 'apollo' ? 'bench/src/peers/apollo-gateway.ts' : 'bench/src/peers/hive-gateway.ts';
          proc = startProcess(name, script, { ...production, [SUPERGRAPH_FILE_ENV]: supergraphFile, PORT: String(port) });
          gateways.push(proc);
          await waitForOk(url, proc, 90_000, GRAPHQL_PROBE);
        }
        targets.set(name, { name, url, pid: proc.child.pid });
        options.log(`${TARGET_LABELS[name]} ready at ${url} (pid ${proc.child.pid})`);
      }),
    );
    if (options.direct) {
      const hotline = subgraphs.processes.find((p) => p.name === 'hotline');
      targets.set(DIRECT_TARGET, { name: DIRECT_TARGET, url: subgraphs.urls.hotline, pid: hotline?.child.pid });
    }
    const callerToken = await mintCallerToken({ secret: jwtSecret, scope: CALLER_SCOPES, sub: 'bench', ttl: '2h' });
    const subgraphPids = subgraphs.processes.flatMap((p) => (p.child.pid !== undefined ? [{ name: p.name, pid: p.child.pid }] : []));
    return { targets, callerToken, subgraphs: subgraphPids, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Gateways (and a hotline subgraph) already running, e.g. under `npm start`. */
export async function useRunningStack(
  gatewayUrls: Partial<Record<GatewayTarget, string>>,
  subgraphUrl: string | undefined,
  token: string | undefined,
): Promise<BenchStack> {
  const targets = new Map<TargetName, RunningTarget>();
  for (const [name, url] of Object.entries(gatewayUrls) as [GatewayTarget, string][]) targets.set(name, { name, url, pid: undefined });
  if (subgraphUrl) targets.set(DIRECT_TARGET, { name: DIRECT_TARGET, url: subgraphUrl, pid: undefined });
  // As `npm run token` signs: GOVGRAPH_JWT_SECRET, else the development secret `npm start` uses.
  const callerToken =
    token ??
    (await mintCallerToken({
      secret: process.env.GOVGRAPH_JWT_SECRET || ensureDevJwtSecret(),
      scope: CALLER_SCOPES,
      sub: 'bench',
      ttl: '2h',
      ...(process.env.GOVGRAPH_JWT_ISSUER ? { issuer: process.env.GOVGRAPH_JWT_ISSUER } : {}),
      ...(process.env.GOVGRAPH_JWT_AUDIENCE ? { audience: process.env.GOVGRAPH_JWT_AUDIENCE } : {}),
    }));
  return { targets, callerToken, subgraphs: [], stop: async () => {} };
}
