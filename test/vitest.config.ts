import { randomBytes } from 'node:crypto';
import { defineConfig } from 'vitest/config';

// One pair of secrets per run, set before the global setup starts the stack, so that the
// subgraph and gateway processes (which inherit this environment), the in-process subgraphs and
// the tests that mint tokens all agree.
process.env.GOVGRAPH_INTERNAL_SECRET ||= randomBytes(32).toString('base64url');
process.env.GOVGRAPH_JWT_SECRET ||= randomBytes(32).toString('base64url');

export default defineConfig({
  test: {
    include: ['**/*.e2e.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    fileParallelism: false,
    env: {
      GOVGRAPH_INTERNAL_SECRET: process.env.GOVGRAPH_INTERNAL_SECRET,
      GOVGRAPH_JWT_SECRET: process.env.GOVGRAPH_JWT_SECRET,
    },
  },
});
