/**
 * Helpers for importer tests in every subgraph (`@govgraph/core/testing`); production code never
 * imports this entry, so msw and vitest stay test-only.
 */
export * from './import/testing/upstream-api.js';
export * from './import/testing/import-batch.js';
export * from './import/testing/contract-examples.js';
export * from './import/testing/temporary-directory.js';
