import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildSchemaFor, SUBGRAPHS } from '@govgraph/core';
import { resolvers as serviceItems } from '@govgraph/service-items';
import { resolvers as certificates } from '@govgraph/certificates';
import { resolvers as cloud } from '@govgraph/cloud';
import { resolvers as hotline } from '@govgraph/hotline';
import { TIMED_OPERATIONS } from './sql-timing-operations.js';

// The schema is built by @apollo/subgraph, which Node loads with graphql's CommonJS build; under
// vitest an `import` here would get its ES build, another realm (see vitest.config.ts).
const { parse, validate } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

const RESOLVERS = { 'service-items': serviceItems, certificates, cloud, hotline };

describe('the operations bench:sql times', () => {
  it.each(SUBGRAPHS.map(({ name }) => [name]))('are valid against the %s subgraph schema', (name) => {
    const schema = buildSchemaFor(name as keyof typeof RESOLVERS, RESOLVERS[name as keyof typeof RESOLVERS]);
    const operations = TIMED_OPERATIONS[name as keyof typeof RESOLVERS];
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(validate(schema, parse(operation.query)).map((e) => e.message), operation.name).toEqual([]);
    }
  });
});
