// Two tiny subgraphs for the gateway's tests, served for real (ephemeral ports) through the same
// HTTP adapter the project's subgraphs use, and a helper that composes them into a supergraph.
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import {
  createGatewayTokenVerifier,
  GATEWAY_TOKEN_HEADER,
  PUBLIC_VIEWER,
  sendJson,
  startHttpServer,
  type RunningHttpServer,
  type Viewer,
} from '@govgraph/core';
import type { Logger } from '../logger.js';

export interface FixtureContext {
  requestId: string;
  /** The caller the gateway's token carries; the public viewer when the fixture checks no token. */
  viewer: Viewer;
}

export const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

const DEPARTMENTS = [
  { code: 'D01', name: 'Civil Affairs' },
  { code: 'D02', name: 'Housing' },
];
const OPEN_CALLS: Record<string, number> = { D01: 3, D02: 7 };

export interface FixtureSubgraph {
  name: string;
  /** What the server actually serves. */
  typeDefs: string;
  /** What the first supergraph is composed from: `typeDefs` minus a field added later. */
  initialTypeDefs: string;
  resolvers: Record<string, Record<string, unknown>>;
}

/** Owns `Department`; `Query.departmentCount` exists only in the later composition. */
export const departments: FixtureSubgraph = {
  name: 'departments',
  initialTypeDefs: /* GraphQL */ `
    ${FEDERATION}
    type Query {
      departments: [Department!]!
    }
    type Department @key(fields: "code") {
      code: ID!
      name: String!
    }
  `,
  typeDefs: /* GraphQL */ `
    ${FEDERATION}
    type Query {
      departments: [Department!]!
      departmentCount: Int!
    }
    type Department @key(fields: "code") {
      code: ID!
      name: String!
    }
  `,
  resolvers: {
    Query: {
      departments: () => DEPARTMENTS,
      departmentCount: () => DEPARTMENTS.length,
    },
    Department: {
      __resolveReference: (ref: { code: string }) => DEPARTMENTS.find((d) => d.code === ref.code) ?? null,
    },
  },
};

/** Adds `Department.openCalls`; its name has a dash, so its env name is CALL_CENTER. */
export const callCenter: FixtureSubgraph = {
  name: 'call-center',
  initialTypeDefs: /* GraphQL */ `
    ${FEDERATION}
    type Department @key(fields: "code") {
      code: ID!
      openCalls: Int
    }
  `,
  typeDefs: /* GraphQL */ `
    ${FEDERATION}
    type Department @key(fields: "code") {
      code: ID!
      openCalls: Int
    }
  `,
  resolvers: {
    Department: {
      __resolveReference: (ref: { code: string }) => ({ code: ref.code }),
      openCalls: (dept: { code: string }) => OPEN_CALLS[dept.code] ?? 0,
    },
  },
};

export interface RunningFixture extends RunningHttpServer {
  fixture: FixtureSubgraph;
  /** The x-request-id of every GraphQL request this subgraph received. */
  requestIds: string[];
}

export const quietLogger = (): Logger & { errors: string[] } => {
  const errors: string[] = [];
  return {
    errors,
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (message) => errors.push(message),
  };
};

/**
 * Serves a fixture subgraph. With `internalSecret` it checks the gateway's token as the project's
 * subgraphs do and hands resolvers the caller it carries.
 */
export async function startFixture(fixture: FixtureSubgraph, options: { internalSecret?: Uint8Array } = {}): Promise<RunningFixture> {
  const requestIds: string[] = [];
  const verifier = options.internalSecret
    ? createGatewayTokenVerifier({ audience: fixture.name, secret: options.internalSecret })
    : undefined;
  const apollo = new ApolloServer<FixtureContext>({
    schema: buildSubgraphSchema({ typeDefs: parse(fixture.typeDefs), resolvers: fixture.resolvers as never }),
    logger: quietLogger(),
  });
  const server = await startHttpServer<FixtureContext>({
    apollo,
    port: 0,
    context: async ({ req, requestId }) => {
      const viewer = verifier ? (await verifier.verify(req.headers[GATEWAY_TOKEN_HEADER])).viewer : PUBLIC_VIEWER;
      requestIds.push(requestId);
      return { requestId, viewer };
    },
    routes: { '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }) },
  });
  return Object.assign(server, { fixture, requestIds });
}

export interface SubgraphForComposition {
  name: string;
  url: string;
  typeDefs: string;
}

export function composeSupergraph(subgraphs: readonly SubgraphForComposition[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.typeDefs) })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export interface TempDir {
  dir: string;
  file(name: string): string;
  remove(): Promise<void>;
}

export async function makeTempDir(): Promise<TempDir> {
  const dir = await mkdtemp(path.join(tmpdir(), 'govgraph-gateway-'));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Replaces a file the way many editors and deploy tools do: write a sibling, then rename. */
export async function replaceFileAtomically(file: string, contents: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

/** A URL on which nothing listens: a port we bound and released. */
export async function deadUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/graphql`;
}

/** A "subgraph" that accepts connections and requests but never answers. */
export async function startHangingServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(() => {
    // Never respond.
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export async function postQuery(
  url: string,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: GraphQLResponseBody }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponseBody };
}

/** Polls `check` until it returns true; fails after `attempts` tries (never asserts on time). */
export async function eventually(check: () => Promise<boolean>, attempts = 200, pauseMs = 50): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  throw new Error(`condition not met after ${attempts} attempts`);
}
