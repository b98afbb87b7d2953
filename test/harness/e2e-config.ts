import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

/**
 * The settings every e2e run shares (the SQLite one and the PostgreSQL one): one pair of secrets
 * per run, set before the global setup starts its stack, so that the subgraph and gateway
 * processes (which inherit this environment), the in-process subgraphs and the tests that mint
 * tokens all agree; one file at a time, since the files share one stack.
 */
export function e2eConfig(files: { include: string[]; exclude?: string[]; globalSetup: string }) {
  process.env.GOVGRAPH_INTERNAL_SECRET ||= randomBytes(32).toString('base64url');
  process.env.GOVGRAPH_JWT_SECRET ||= randomBytes(32).toString('base64url');
  return defineConfig({
    test: {
      include: files.include,
      exclude: ['**/node_modules/**', ...(files.exclude ?? [])],
      globalSetup: [files.globalSetup],
      testTimeout: 120_000,
      hookTimeout: 600_000,
      fileParallelism: false,
      env: {
        GOVGRAPH_INTERNAL_SECRET: process.env.GOVGRAPH_INTERNAL_SECRET,
        GOVGRAPH_JWT_SECRET: process.env.GOVGRAPH_JWT_SECRET,
      },
    },
  });
}
