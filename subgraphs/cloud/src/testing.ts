/**
 * Test helpers: a fresh database (in memory, or a PostgreSQL schema: openScratchDatabase) with this subgraph's migrations, and GraphQL operations
 * executed in-process against the subgraph schema built from the committed SDL.
 */
import assert from 'node:assert/strict';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Kysely, LogEvent } from 'kysely';
import { ALL_SCOPES, buildSchemaFor, openScratchDatabase, viewerWith, type Viewer } from '@govgraph/core';
import { createContext, type Context } from './context.js';
import { resolvers } from './resolvers/index.js';
import { migrations } from './store/migrations.js';
import type { Database } from './store/schema.js';

export interface TestDatabase {
  db: Kysely<Database>;
  /** SQL statements run since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const queries: string[] = [];
  // In memory, or a fresh PostgreSQL schema in the PostgreSQL test run.
  const db = await openScratchDatabase<Database>({
    subgraph: 'cloud',
    migrations,
    onQuery: (event: LogEvent) => void queries.push(event.query.sql),
  });
  queries.length = 0;
  return { db, queries, resetQueries: () => void (queries.length = 0) };
}

export interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

export function createTestServer(): ApolloServer<Context> {
  return new ApolloServer<Context>({
    schema: buildSchemaFor('cloud', resolvers),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
}

/**
 * Runs one operation with a fresh per-request context, as the HTTP server would, as a caller
 * holding every scope unless `viewer` says otherwise.
 */
export async function execute(
  server: ApolloServer<Context>,
  db: Kysely<Database>,
  query: string,
  variables?: Record<string, unknown>,
  viewer: Viewer = viewerWith(ALL_SCOPES),
): Promise<GraphQLResult> {
  const response = await server.executeOperation(
    { query, ...(variables ? { variables } : {}) },
    { contextValue: { ...createContext(db, 'test'), viewer } },
  );
  assert(response.body.kind === 'single');
  return response.body.singleResult as GraphQLResult;
}

/** The data of a result that must have succeeded, typed as the test expects it. */
export function dataOf<T = Record<string, unknown>>(result: GraphQLResult): T {
  assert.equal(result.errors, undefined, JSON.stringify(result.errors));
  assert(result.data);
  return result.data as T;
}

/** The `extensions.code` of each error, for asserting how an operation failed. */
export function errorCodes(result: GraphQLResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
