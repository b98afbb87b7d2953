/**
 * A vitest global setup for running a workspace's unit tests on PostgreSQL: one throwaway server
 * for the run (see startPostgres), named to the tests by GOVGRAPH_TEST_DATABASE_URL, which
 * core's openScratchDatabase reads (each test database a schema of its own). The test workers
 * start after this and inherit the environment.
 */
import { TEST_DATABASE_URL_VARIABLE } from '@govgraph/core';
import { startPostgres } from './postgres.js';

export default async function setup(): Promise<() => Promise<void>> {
  const postgres = await startPostgres();
  process.env[TEST_DATABASE_URL_VARIABLE] = postgres.url;
  // Tests open many small databases at once; a few connections each keep within the server's limit.
  process.env.GOVGRAPH_PG_POOL_SIZE = '3';
  return async () => {
    delete process.env[TEST_DATABASE_URL_VARIABLE];
    await postgres.stop();
  };
}
