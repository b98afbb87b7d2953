import type { TestProject } from 'vitest/node';
import { startPostgres } from '@govgraph/local-stack';
import { startStack, type RunningStack } from '../harness/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    /** The same graph on the embedded SQLite default, for answers that must be the same. */
    sqliteGatewayUrl: string;
    /** The PostgreSQL database the graph runs on (a schema per subgraph). */
    postgresUrl: string;
  }
}

/**
 * A throwaway PostgreSQL, the graph on it (seeded at full scale on this first start), and the
 * graph on SQLite beside it (the data folder the SQLite run already seeded) to compare answers.
 */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const postgres = await startPostgres();
  const stacks: RunningStack[] = [];
  const stop = async () => {
    await Promise.all(stacks.map((s) => s.stop()));
    await postgres.stop();
  };
  try {
    const settled = await Promise.allSettled([startStack(600_000, { GOVGRAPH_DATABASE_URL: postgres.url }), startStack()]);
    for (const result of settled) if (result.status === 'fulfilled') stacks.push(result.value);
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const [onPostgres, onSqlite] = stacks as [RunningStack, RunningStack];
    // Each subgraph logs how long its seed took: the PostgreSQL cost worth watching.
    const seeds = onPostgres.processes.flatMap((p) => p.output().match(/seeded dataset \S+ in [\d.]+ s/g)?.map((line) => `${p.name} ${line}`) ?? []);
    console.log(`e2e on PostgreSQL: server, seed and both stacks ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${seeds.join('; ')})`);
    project.provide('gatewayUrl', onPostgres.gatewayUrl);
    project.provide('subgraphUrls', onPostgres.subgraphUrls);
    project.provide('sqliteGatewayUrl', onSqlite.gatewayUrl);
    project.provide('postgresUrl', postgres.url);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
