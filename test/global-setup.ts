import type { TestProject } from 'vitest/node';
import { startStack } from './harness/stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
  }
}

/** One real stack for the whole e2e run: seeding the full dataset is the expensive part. */
export default async function setup(project: TestProject) {
  const started = Date.now();
  const stack = await startStack();
  console.log(`e2e stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${stack.gatewayUrl}`);
  project.provide('gatewayUrl', stack.gatewayUrl);
  project.provide('subgraphUrls', stack.subgraphUrls);
  return async () => {
    await stack.stop();
  };
}
