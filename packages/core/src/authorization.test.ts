import { buildSubgraphSchema } from '@apollo/subgraph';
import { createRequire } from 'node:module';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyAuthorization, denialReason, policyFromDirectives } from './authorization.js';
import { PUBLIC_VIEWER, viewerWith } from './viewer.js';

const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes"])
  type Query {
    open: Int
    signedIn: Int @authenticated
    secret: Secret @requiresScopes(scopes: [["a", "b"], ["all"]])
  }
  type Secret {
    value: String
  }
`);

// @apollo/subgraph builds its schema with the CommonJS copy of graphql; execute with the same one.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

describe('policyFromDirectives / denialReason', () => {
  it('reads alternatives of scope sets', () => {
    const field = (typeDefs.definitions[1] as any).fields[2];
    const policy = policyFromDirectives(field.directives)!;
    expect(policy).toEqual({ authenticated: false, scopes: [['a', 'b'], ['all']] });
    expect(denialReason(policy, viewerWith(['a']))).toMatch(/a \+ b or all/);
    expect(denialReason(policy, viewerWith(['a', 'b']))).toBeUndefined();
    expect(denialReason(policy, viewerWith(['all']))).toBeUndefined();
    expect(denialReason(policy, { ...viewerWith(['all']), authenticated: false })).toMatch(/authenticated/);
  });
});

describe('applyAuthorization', () => {
  const schema = buildSubgraphSchema({
    typeDefs,
    resolvers: { Query: { open: () => 1, signedIn: () => 2, secret: () => ({ value: 'x' }) } } as any,
  });
  const guarded = applyAuthorization(schema);
  const run = (viewer: unknown) => graphql({ schema, source: '{ open signedIn secret { value } }', contextValue: { viewer } });

  it('guards exactly the annotated fields', () => {
    expect(guarded.sort()).toEqual(['Query.secret', 'Query.signedIn']);
  });

  it('gives a denied field null and FORBIDDEN, and the rest of the answer', async () => {
    const result = await run(PUBLIC_VIEWER);
    expect(result.data).toEqual({ open: 1, signedIn: null, secret: null });
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions.code])).toEqual([
      ['signedIn', 'FORBIDDEN'],
      ['secret', 'FORBIDDEN'],
    ]);
    const partial = await run(viewerWith(['a']));
    expect(partial.data).toEqual({ open: 1, signedIn: 2, secret: null });
  });

  it('denies when no viewer is in the context at all', async () => {
    expect((await run(undefined)).data).toEqual({ open: 1, signedIn: null, secret: null });
  });

  it('lets a caller with the scopes through', async () => {
    const result = await run(viewerWith(['all']));
    expect(result).toEqual({ data: { open: 1, signedIn: 2, secret: { value: 'x' } } });
  });
});
