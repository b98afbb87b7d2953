import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningHttpServer } from '@govgraph/core';
import { loadGatewayConfig } from './config.js';
import { createGateway, healthUrlFor, maskErrorForProduction, type CreateGatewayOptions } from './createGateway.js';
import {
  callCenter,
  composeSupergraph,
  deadUrl,
  departments,
  eventually,
  makeTempDir,
  postQuery,
  quietLogger,
  replaceFileAtomically,
  startFixture,
  startHangingServer,
  type RunningFixture,
  type TempDir,
} from './__fixtures__/subgraphs.js';

const CROSS_QUERY = '{ departments { code name openCalls } }';
const CROSS_DATA = {
  departments: [
    { code: 'D01', name: 'Civil Affairs', openCalls: 3 },
    { code: 'D02', name: 'Housing', openCalls: 7 },
  ],
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Tracks what a describe block started so afterAll can stop all of it, even after a failure. */
class Resources {
  private readonly closers: (() => Promise<void>)[] = [];
  add<T extends { close(): Promise<void> }>(resource: T): T {
    this.closers.push(() => resource.close());
    return resource;
  }
  addCloser(close: () => Promise<void>): void {
    this.closers.push(close);
  }
  async closeAll(): Promise<void> {
    // Reverse order: the gateway before the subgraphs it calls.
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
    this.closers.length = 0;
  }
}

async function startGateway(
  resources: Resources,
  options: CreateGatewayOptions,
): Promise<{ server: RunningHttpServer; origin: string; logger: ReturnType<typeof quietLogger> }> {
  const logger = quietLogger();
  const gateway = createGateway({ logger, ...options });
  const server = resources.add(await startHttpServer({ ...gateway.http, port: 0 }));
  return { server, origin: new URL(server.url).origin, logger };
}

async function writeSupergraph(
  temp: TempDir,
  parts: { fixture: typeof departments; url: string; initial?: boolean }[],
  file = 'supergraph.graphql',
): Promise<string> {
  const sdl = composeSupergraph(
    parts.map(({ fixture, url, initial = true }) => ({
      name: fixture.name,
      url,
      typeDefs: initial ? fixture.initialTypeDefs : fixture.typeDefs,
    })),
  );
  await writeFile(temp.file(file), sdl);
  return temp.file(file);
}

describe('healthUrlFor', () => {
  it('replaces the trailing /graphql with /health', () => {
    expect(healthUrlFor('http://127.0.0.1:4004/graphql')).toBe('http://127.0.0.1:4004/health');
    expect(healthUrlFor('https://api.city.example/hotline/graphql?x=1')).toBe('https://api.city.example/hotline/health');
    expect(healthUrlFor('http://127.0.0.1:4004/')).toBe('http://127.0.0.1:4004/health');
  });
});

describe('maskErrorForProduction', () => {
  it('drops stack traces and subgraph internals but keeps code, serviceName and message', () => {
    expect(
      maskErrorForProduction({
        message: '500: Internal Server Error',
        path: ['departments'],
        extensions: {
          code: 'INTERNAL_SERVER_ERROR',
          serviceName: 'hotline',
          stacktrace: ['Error: boom', '    at x (y.ts:1:1)'],
          response: { url: 'http://10.0.0.1/graphql', status: 500, body: 'boom' },
        },
      }),
    ).toEqual({
      message: '500: Internal Server Error',
      path: ['departments'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'hotline' },
    });
  });
});

describe('gateway over two subgraphs', () => {
  const resources = new Resources();
  let alpha: RunningFixture;
  let beta: RunningFixture;
  let url: string;
  let origin: string;

  beforeAll(async () => {
    const temp = await makeTempDir();
    resources.addCloser(() => temp.remove());
    alpha = resources.add(await startFixture(departments));
    beta = resources.add(await startFixture(callCenter));
    const supergraphPath = await writeSupergraph(temp, [
      { fixture: departments, url: alpha.url },
      { fixture: callCenter, url: beta.url },
    ]);
    ({ origin, server: { url } } = await startGateway(resources, { supergraphPath, watch: false }));
  });
  afterAll(() => resources.closeAll());

  it('answers a query that crosses both subgraphs', async () => {
    const { status, body } = await postQuery(url, CROSS_QUERY);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(CROSS_DATA);
  });

  it('writes compact JSON, not an indented document', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: CROSS_QUERY }) });
    const text = await res.text();
    expect(text.startsWith('{"data":{"departments":[{"code":"D01"')).toBe(true);
    expect(text).not.toMatch(/\n\s/);
  });

  it('echoes the request id, reports it in extensions and forwards it to every subgraph', async () => {
    const requestId = 'trace-7f3a.0001';
    const { headers, body } = await postQuery(url, CROSS_QUERY, { 'x-request-id': requestId });
    expect(headers.get('x-request-id')).toBe(requestId);
    expect(body.extensions).toEqual({ requestId });
    expect(alpha.requestIds).toContain(requestId);
    expect(beta.requestIds).toContain(requestId);
  });

  it('makes up a request id when the caller sends none, and uses the same one throughout', async () => {
    const { headers, body } = await postQuery(url, CROSS_QUERY);
    const requestId = headers.get('x-request-id');
    expect(requestId).toMatch(UUID);
    expect(body.extensions?.requestId).toBe(requestId);
    expect(beta.requestIds.at(-1)).toBe(requestId);
  });

  it('puts the request id in extensions of error responses too', async () => {
    const { status, body } = await postQuery(url, '{ nope }', { 'x-request-id': 'bad-query-1' });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.extensions).toEqual({ requestId: 'bad-query-1' });
  });

  it('allows introspection outside production', async () => {
    const { body } = await postQuery(url, '{ __schema { queryType { name } } }');
    expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('serves GET /graphql', async () => {
    const res = await fetch(`${url}?query=${encodeURIComponent('{ departments { code } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ data: { departments: [{ code: 'D01' }, { code: 'D02' }] } });
  });

  it('says /health ok and /ready ready while every subgraph answers', async () => {
    const health = await fetch(`${origin}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${origin}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      subgraphs: [
        { name: 'call-center', status: 'up' },
        { name: 'departments', status: 'up' },
      ],
    });
  });

  it('has no landing page: a browser on /graphql gets no HTML', async () => {
    const res = await fetch(url, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });
});

describe('when a subgraph goes down', () => {
  const resources = new Resources();
  let beta: RunningFixture;
  let url: string;
  let origin: string;

  beforeAll(async () => {
    const temp = await makeTempDir();
    resources.addCloser(() => temp.remove());
    const alpha = resources.add(await startFixture(departments));
    beta = resources.add(await startFixture(callCenter));
    const supergraphPath = await writeSupergraph(temp, [
      { fixture: departments, url: alpha.url },
      { fixture: callCenter, url: beta.url },
    ]);
    ({ origin, server: { url } } = await startGateway(resources, { supergraphPath, watch: false }));
  });
  afterAll(() => resources.closeAll());

  it('is ready before, and 503 naming the subgraph after', async () => {
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
    // Warm the gateway's pooled connection to the subgraph, so closing it must also cope with that.
    expect((await postQuery(url, CROSS_QUERY)).body.data).toEqual(CROSS_DATA);

    await beta.close();

    const ready = await fetch(`${origin}/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { status: string; down: string[]; subgraphs: { name: string; status: string; reason?: string }[] };
    expect(body.status).toBe('unavailable');
    expect(body.down).toEqual(['call-center']);
    expect(body.subgraphs).toContainEqual({ name: 'departments', status: 'up' });
    expect(body.subgraphs.find((s) => s.name === 'call-center')?.reason).toMatch(/ECONNREFUSED/);
    // The process itself is still up.
    expect((await fetch(`${origin}/health`)).status).toBe(200);
  });

  it('returns partial data and a SUBGRAPH_UNAVAILABLE error naming the subgraph', async () => {
    const { status, body } = await postQuery(url, CROSS_QUERY, { 'x-request-id': 'partial-1' });
    expect(status).toBe(200);
    expect(body.data).toEqual({
      departments: [
        { code: 'D01', name: 'Civil Affairs', openCalls: null },
        { code: 'D02', name: 'Housing', openCalls: null },
      ],
    });
    expect(body.errors).toHaveLength(1);
    const [error] = body.errors!;
    expect(error!.message).toMatch(/^Subgraph "call-center" is unavailable: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    expect(error!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'call-center' });
    expect(error!.extensions).not.toHaveProperty('stacktrace');
    expect(body.extensions).toEqual({ requestId: 'partial-1' });
  });
});

describe('subgraph URL overrides from the environment', () => {
  const resources = new Resources();
  let url: string;
  let origin: string;

  beforeAll(async () => {
    const temp = await makeTempDir();
    resources.addCloser(() => temp.remove());
    const alpha = resources.add(await startFixture(departments));
    const beta = resources.add(await startFixture(callCenter));
    // The supergraph points call-center at a port nobody listens on; only the env var fixes it.
    const supergraphPath = await writeSupergraph(temp, [
      { fixture: departments, url: alpha.url },
      { fixture: callCenter, url: await deadUrl() },
    ]);
    const config = loadGatewayConfig(['--supergraph', supergraphPath], {
      NODE_ENV: 'test',
      GOVGRAPH_JWT_SECRET: 'j'.repeat(32),
      GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET: 'true',
      GOVGRAPH_SUBGRAPH_CALL_CENTER_URL: beta.url,
    });
    ({ origin, server: { url } } = await startGateway(resources, { ...config, watch: false }));
  });
  afterAll(() => resources.closeAll());

  it('sends call-center traffic to the URL from GOVGRAPH_SUBGRAPH_CALL_CENTER_URL', async () => {
    const { body } = await postQuery(url, CROSS_QUERY);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(CROSS_DATA);
  });

  it('probes the overridden URL for readiness', async () => {
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
  });
});

describe('a subgraph that never answers', () => {
  const resources = new Resources();
  let url: string;

  beforeAll(async () => {
    const temp = await makeTempDir();
    resources.addCloser(() => temp.remove());
    const alpha = resources.add(await startFixture(departments));
    const hanging = resources.add(await startHangingServer());
    const supergraphPath = await writeSupergraph(temp, [
      { fixture: departments, url: alpha.url },
      { fixture: callCenter, url: hanging.url },
    ]);
    ({ server: { url } } = await startGateway(resources, { supergraphPath, watch: false, subgraphTimeoutMs: 300 }));
  });
  afterAll(() => resources.closeAll());

  it('is cut off by the subgraph timeout and reported as unavailable', async () => {
    const { body } = await postQuery(url, CROSS_QUERY);
    expect(body.data).toMatchObject({ departments: [{ code: 'D01', openCalls: null }, { code: 'D02', openCalls: null }] });
    expect(body.errors?.[0]?.message).toBe('Subgraph "call-center" is unavailable: request timed out after 300 ms');
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'call-center' });
  });
});

describe('in production', () => {
  const resources = new Resources();
  let url: string;

  beforeAll(async () => {
    const temp = await makeTempDir();
    resources.addCloser(() => temp.remove());
    const alpha = resources.add(await startFixture(departments));
    const beta = resources.add(await startFixture(callCenter));
    const supergraphPath = await writeSupergraph(temp, [
      { fixture: departments, url: alpha.url },
      { fixture: callCenter, url: beta.url },
    ]);
    ({ server: { url } } = await startGateway(resources, { supergraphPath, watch: false, production: true }));
    // A subgraph answering 502 (as a proxy in front of a dead one would) yields an error whose
    // development form carries the subgraph's URL and body.
    await beta.close();
    resources.add(await startHttpServerAnswering502(beta.port));
  });
  afterAll(() => resources.closeAll());

  it('refuses introspection', async () => {
    const { status, body } = await postQuery(url, '{ __schema { queryType { name } } }');
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('keeps code, serviceName, message and request id but no internals', async () => {
    const { body } = await postQuery(url, CROSS_QUERY, { 'x-request-id': 'prod-1' });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({
      message: 'Subgraph "call-center" is unavailable: HTTP 502 Bad Gateway',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'call-center' },
    });
    expect(Object.keys(body.errors![0]!.extensions ?? {}).sort()).toEqual(['code', 'requestId', 'serviceName']);
    expect(body.extensions).toEqual({ requestId: 'prod-1' });
  });
});

/** A stand-in for a reverse proxy whose upstream is gone, listening where the subgraph was. */
async function startHttpServerAnswering502(port: number): Promise<{ close(): Promise<void> }> {
  const http = await import('node:http');
  const server = http.createServer((_req, res) => {
    res.statusCode = 502;
    res.setHeader('content-type', 'text/html');
    res.end('<html>upstream at http://10.1.2.3:4002 refused</html>');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('hot reload of the supergraph file', () => {
  // One scenario in steps: each test starts from the supergraph the previous one left in service.
  const resources = new Resources();
  let url: string;
  let temp: TempDir;
  let supergraphPath: string;
  let alphaUrl: string;
  let betaUrl: string;
  let logger: ReturnType<typeof quietLogger>;

  beforeAll(async () => {
    temp = await makeTempDir();
    resources.addCloser(() => temp.remove());
    const alpha = resources.add(await startFixture(departments));
    const beta = resources.add(await startFixture(callCenter));
    alphaUrl = alpha.url;
    betaUrl = beta.url;
    supergraphPath = await writeSupergraph(temp, [
      { fixture: departments, url: alphaUrl },
      { fixture: callCenter, url: betaUrl },
    ]);
    ({ logger, server: { url } } = await startGateway(resources, { supergraphPath, watchDebounceMs: 50 }));
  });
  afterAll(() => resources.closeAll());

  it('serves a field added to the file, without failing requests meanwhile', async () => {
    const before = await postQuery(url, '{ departmentCount }');
    expect(before.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const next = composeSupergraph([
      { name: departments.name, url: alphaUrl, typeDefs: departments.typeDefs },
      { name: callCenter.name, url: betaUrl, typeDefs: callCenter.initialTypeDefs },
    ]);
    // Replaced by rename, as editors and deploy tools do: a watch on the old inode would miss it.
    await replaceFileAtomically(supergraphPath, next);

    const failures: unknown[] = [];
    let steadyRequests = 0;
    await eventually(async () => {
      // A steady stream of requests on the old fields while the schema is swapped.
      const steady = await Promise.all([postQuery(url, CROSS_QUERY), postQuery(url, CROSS_QUERY)]);
      for (const { status, body } of steady) {
        steadyRequests++;
        if (status !== 200 || body.errors || JSON.stringify(body.data) !== JSON.stringify(CROSS_DATA)) {
          failures.push({ status, body });
        }
      }
      const probe = await postQuery(url, '{ departmentCount }');
      return probe.status === 200 && probe.body.data?.departmentCount === 2;
    });
    expect(failures).toEqual([]);
    expect(steadyRequests).toBeGreaterThan(0);
    expect(logger.errors).toEqual([]);
  });

  it('keeps serving the previous supergraph when the file is broken', async () => {
    await writeFile(supergraphPath, 'schema { query: Query } type Query {');
    await eventually(async () => logger.errors.some((m) => m.includes('was rejected')));
    const { body } = await postQuery(url, '{ departmentCount departments { openCalls } }');
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ departmentCount: 2, departments: [{ openCalls: 3 }, { openCalls: 7 }] });
  });

  it('keeps serving the previous supergraph when the file parses but is not a valid supergraph', async () => {
    const errorsBefore = logger.errors.length;
    // Passes our own checks (GraphQL with a join__Graph enum), so only the gateway can refuse it.
    await writeFile(
      supergraphPath,
      'type Query { hello: String }\nenum join__Graph { A @join__graph(name: "a", url: "http://127.0.0.1:1/graphql") }\n',
    );
    await eventually(async () => logger.errors.length > errorsBefore);
    const { body } = await postQuery(url, '{ departmentCount }');
    expect(body.data).toEqual({ departmentCount: 2 });
  });

  it('recovers when a good file follows a broken one', async () => {
    const previous = composeSupergraph([
      { name: departments.name, url: alphaUrl, typeDefs: departments.initialTypeDefs },
      { name: callCenter.name, url: betaUrl, typeDefs: callCenter.initialTypeDefs },
    ]);
    await writeFile(supergraphPath, previous);
    await eventually(async () => (await postQuery(url, '{ departmentCount }')).status === 400);
    expect((await postQuery(url, CROSS_QUERY)).body.data).toEqual(CROSS_DATA);
  });
});
