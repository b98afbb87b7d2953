// Two fixture subgraphs with @cacheControl hints, for the response cache's tests: a public
// catalogue (300 s), and a call centre with a public statistic, a shorter-lived entity field,
// per-user (PRIVATE) notes, callers with no hint (never cached) and answers that depend on the
// caller's scopes, roles and department without being errors.
import { FEDERATION, type FixtureContext, type FixtureSubgraph } from './subgraphs.js';

// Declared as Apollo documents for subgraphs that use static cache hints.
const CACHE_CONTROL = /* GraphQL */ `
  enum CacheControlScope {
    PUBLIC
    PRIVATE
  }
  directive @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION
`;

const DEPARTMENTS = [
  { code: 'D01', name: 'Civil Affairs' },
  { code: 'D02', name: 'Housing' },
];

export const catalogue: FixtureSubgraph = {
  name: 'catalogue',
  initialTypeDefs: '',
  typeDefs: /* GraphQL */ `
    ${FEDERATION}
    ${CACHE_CONTROL}
    type Query {
      departments: [Department!]!
    }
    type Department @key(fields: "code") @cacheControl(maxAge: 300) {
      code: ID!
      name: String!
    }
  `,
  resolvers: {
    Query: { departments: () => DEPARTMENTS },
    Department: { __resolveReference: (ref: { code: string }) => DEPARTMENTS.find((d) => d.code === ref.code) ?? null },
  },
};
catalogue.initialTypeDefs = catalogue.typeDefs;

/** Holds `Query.slowCallers` until released, so a test can have fetches in flight at once. */
export class Gate {
  private release_: (() => void) | undefined;
  private promise: Promise<void> = Promise.resolve();
  close(): void {
    this.promise = new Promise((resolve) => {
      this.release_ = resolve;
    });
  }
  open(): void {
    this.release_?.();
  }
  wait(): Promise<void> {
    return this.promise;
  }
}

export const callsGate = new Gate();

const viewerOf = (context: FixtureContext) => context.viewer;

export const calls: FixtureSubgraph = {
  name: 'calls',
  initialTypeDefs: '',
  typeDefs: /* GraphQL */ `
    ${FEDERATION}
    ${CACHE_CONTROL}
    type Query {
      callStatistics: CallStatistics
      "No hint: never cached."
      callers: [Caller!]!
      slowCallers: [Caller!]!
      "Per user."
      myNotes: [String!]! @cacheControl(maxAge: 300, scope: PRIVATE)
      "Public, but what it says depends on the caller's authorization (as a null for a denied field would)."
      audience: String @cacheControl(maxAge: 300)
      failing: Int @cacheControl(maxAge: 300)
    }
    type CallStatistics @cacheControl(maxAge: 300) {
      total: Int!
    }
    type Caller {
      name: String!
    }
    type Department @key(fields: "code") @cacheControl(maxAge: 60) {
      code: ID!
      openCalls: Int!
    }
  `,
  resolvers: {
    Query: {
      callStatistics: () => ({ total: 10 }),
      callers: (_: unknown, __: unknown, context: FixtureContext) => [
        { name: viewerOf(context).scopes.includes('pii:read') ? '张三' : '张*' },
      ],
      slowCallers: async (_: unknown, __: unknown, context: FixtureContext) => {
        await callsGate.wait();
        return [{ name: viewerOf(context).scopes.includes('pii:read') ? '张三' : '张*' }];
      },
      myNotes: (_: unknown, __: unknown, context: FixtureContext) => [`notes of ${viewerOf(context).sub ?? 'nobody'}`],
      audience: (_: unknown, __: unknown, context: FixtureContext) => {
        const { scopes, roles, dept } = viewerOf(context);
        return JSON.stringify({ scopes: [...scopes].sort(), roles: [...roles].sort(), dept });
      },
      failing: () => {
        throw new Error('boom');
      },
    },
    Department: {
      __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
      openCalls: (dept: { code: string }) => (dept.code === 'D01' ? 3 : 7),
    },
  },
};
calls.initialTypeDefs = calls.typeDefs;
