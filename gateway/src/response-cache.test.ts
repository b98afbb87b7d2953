// The response cache through a real gateway over two fixture subgraphs with cache hints: what is
// cached, for whom, how it is invalidated, and persisted queries in the same store. Run against
// the in-memory backend, and against a real redis-server when one is installed
// (scripts/ensure-redis.sh, run by `npm test`).
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CACHE_INVALIDATION_PATH,
  GATEWAY_TOKEN_HEADER,
  invalidateGatewayCache,
  mintGatewayToken,
  PUBLIC_VIEWER,
  startHttpServer,
  viewerWith,
  type Viewer,
} from '@govgraph/core';
import type { ResponseCacheMode } from './cache-backend.js';
import { createGateway, type Gateway } from './createGateway.js';
import { unauthenticatedError } from './auth.js';
import { CACHE_STATUS_HEADER, cacheSessionId, clientRefusesCachedResponse, narrowGenerations, viewerCacheKey } from './response-cache.js';
import { calls, callsGate, catalogue } from './__fixtures__/cached-subgraphs.js';
import { composeSupergraph, eventually, makeTempDir, quietLogger, startFixture, type RunningFixture } from './__fixtures__/subgraphs.js';
import { redisServerAvailable, startRedisServer, type RunningRedis } from './__fixtures__/redis.js';

const VIEWERS: Record<string, Viewer> = {
  alice: viewerWith(['pii:read', 'cloud:read'], { sub: 'alice' }),
  // Alice's authorization exactly (listed in another order), but another person.
  alix: viewerWith(['cloud:read', 'pii:read'], { sub: 'alix' }),
  bob: viewerWith([], { sub: 'bob' }),
  cloud: viewerWith(['cloud:read'], { sub: 'carol' }),
  dora: viewerWith(['cloud:read'], { sub: 'dora', dept: 'D01' }),
  erin: viewerWith(['cloud:read'], { sub: 'erin', roles: ['auditor'] }),
};

describe('cache key parts', () => {
  it('keys by authorization in a canonical order, without the user', () => {
    expect(viewerCacheKey(VIEWERS.alice!)).toEqual(viewerCacheKey(VIEWERS.alix!));
    expect(viewerCacheKey(VIEWERS.alice!)).toEqual({ authenticated: true, scopes: ['cloud:read', 'pii:read'], roles: ['user'], dept: null });
    expect(viewerCacheKey(VIEWERS.cloud!)).not.toEqual(viewerCacheKey(VIEWERS.alice!));
    expect(viewerCacheKey(VIEWERS.cloud!)).not.toEqual(viewerCacheKey(VIEWERS.dora!));
    expect(viewerCacheKey(VIEWERS.cloud!)).not.toEqual(viewerCacheKey(VIEWERS.erin!));
    expect(viewerCacheKey(VIEWERS.bob!)).not.toEqual(viewerCacheKey(PUBLIC_VIEWER));
  });

  it('gives private entries to signed-in users only', () => {
    expect(cacheSessionId(VIEWERS.alice!)).toBe('sub:alice');
    expect(cacheSessionId(PUBLIC_VIEWER)).toBeNull();
    expect(cacheSessionId({ ...VIEWERS.alice!, sub: null })).toBeNull();
  });

  it('keeps only the generations of the subgraphs an operation reads', () => {
    const keyData = { source: '{ x }', extra: { viewer: {}, generations: { a: '1', b: '2', c: '3' }, supergraph: 's' } };
    expect(narrowGenerations(keyData, ['a', 'c'])).toEqual({ ...keyData, extra: { ...keyData.extra, generations: { a: '1', c: '3' } } });
    expect(narrowGenerations({ source: '{ x }', extra: { generations: null } }, ['a'])).toEqual({ source: '{ x }', extra: { generations: null } });
  });

  it('reads no-cache and no-store from the request as "do not serve me a cached answer"', () => {
    expect(clientRefusesCachedResponse('no-cache')).toBe(true);
    expect(clientRefusesCachedResponse('max-age=0, No-Store')).toBe(true);
    expect(clientRefusesCachedResponse('max-age=60')).toBe(false);
    expect(clientRefusesCachedResponse(undefined)).toBe(false);
  });
});

interface CachedStack {
  url: string;
  origin: string;
  gateway: Gateway;
  catalogue: RunningFixture;
  calls: RunningFixture;
  close(): Promise<void>;
}

const INTERNAL_SECRET = new TextEncoder().encode(randomBytes(32).toString('base64url'));

async function startFixtures(): Promise<{ catalogue: RunningFixture; calls: RunningFixture; supergraphPath: string; close(): Promise<void> }> {
  const temp = await makeTempDir();
  const catalogueServer = await startFixture(catalogue, { internalSecret: INTERNAL_SECRET });
  const callsServer = await startFixture(calls, { internalSecret: INTERNAL_SECRET });
  const supergraphPath = temp.file('supergraph.graphql');
  await writeFile(
    supergraphPath,
    composeSupergraph([
      { name: catalogue.name, url: catalogueServer.url, typeDefs: catalogue.typeDefs },
      { name: calls.name, url: callsServer.url, typeDefs: calls.typeDefs },
    ]),
  );
  return {
    catalogue: catalogueServer,
    calls: callsServer,
    supergraphPath,
    close: async () => {
      await catalogueServer.close();
      await callsServer.close();
      await temp.remove();
    },
  };
}

async function startCachedGateway(
  fixtures: Awaited<ReturnType<typeof startFixtures>>,
  cache: { responseCache: ResponseCacheMode; redisUrl?: string },
): Promise<CachedStack> {
  const gateway = createGateway({
    supergraphPath: fixtures.supergraphPath,
    watch: false,
    logger: quietLogger(),
    internalSecret: INTERNAL_SECRET,
    authenticate: async (authorization) => {
      if (authorization === undefined) return PUBLIC_VIEWER;
      const viewer = VIEWERS[String(authorization).replace(/^Bearer /, '')];
      if (!viewer) throw unauthenticatedError('unknown test token');
      return viewer;
    },
    ...cache,
  });
  const server = await startHttpServer({ ...gateway.http, port: 0 });
  return { url: server.url, origin: new URL(server.url).origin, gateway, catalogue: fixtures.catalogue, calls: fixtures.calls, close: () => server.close() };
}

interface Answer {
  status: number;
  cache: string | null;
  cacheControl: string | null;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function ask(url: string, payload: Record<string, unknown>, as?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${as}` } : {}), ...headers },
    body: JSON.stringify(payload),
  });
  return { status: res.status, cache: res.headers.get(CACHE_STATUS_HEADER), cacheControl: res.headers.get('cache-control'), body: (await res.json()) as Answer['body'] };
}

const query = (url: string, text: string, as?: string, headers?: Record<string, string>) => ask(url, { query: text }, as, headers);

async function invalidate(origin: string, subgraph: string, token?: string): Promise<Response> {
  return fetch(new URL(CACHE_INVALIDATION_PATH, origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [GATEWAY_TOKEN_HEADER]: token } : {}) },
    body: JSON.stringify({ subgraph }),
  });
}

const gatewayToken = (audience = 'gateway') =>
  mintGatewayToken({ audience, viewer: PUBLIC_VIEWER, requestId: 'test', secret: INTERNAL_SECRET });

const backends: { name: string; mode: ResponseCacheMode }[] = [
  { name: 'in memory', mode: 'memory' },
  ...(redisServerAvailable() ? [{ name: 'in Redis', mode: 'redis' as const }] : []),
];
if (!redisServerAvailable()) console.warn('redis-server not installed (scripts/ensure-redis.sh): the Redis backend is not tested');

describe.each(backends)('response cache $name', ({ mode }) => {
  let fixtures: Awaited<ReturnType<typeof startFixtures>>;
  let redis: RunningRedis | undefined;
  let stack: CachedStack;
  // Each test asks its own variant (an alias) so that no test depends on what another cached.
  let counter = 0;
  const unique = (selection: string) => `{ q${++counter}: ${selection} }`;

  beforeAll(async () => {
    fixtures = await startFixtures();
    redis = mode === 'redis' ? await startRedisServer() : undefined;
    stack = await startCachedGateway(fixtures, { responseCache: mode, ...(redis ? { redisUrl: redis.url } : {}) });
  });

  afterAll(async () => {
    await stack?.close();
    await redis?.close();
    await fixtures?.close();
  });

  it('serves a public statistic from the cache on the second identical request, without a subgraph fetch', async () => {
    const text = unique('callStatistics { total }');
    const first = await query(stack.url, text);
    const fetchesAfterFirst = stack.calls.requestIds.length;
    const second = await query(stack.url, text);
    expect(first).toMatchObject({ status: 200, cache: 'MISS', cacheControl: 'max-age=300, public' });
    expect(second).toMatchObject({ status: 200, cache: 'HIT', cacheControl: 'max-age=300, public' });
    expect(second.body.data).toEqual(first.body.data);
    expect(stack.calls.requestIds.length).toBe(fetchesAfterFirst);
  });

  it('takes the shortest maxAge of the subgraphs an operation reads', async () => {
    const text = unique('departments { code name openCalls }');
    expect(await query(stack.url, text)).toMatchObject({ cache: 'MISS', cacheControl: 'max-age=60, public' });
    expect(await query(stack.url, text)).toMatchObject({ cache: 'HIT', cacheControl: 'max-age=60, public' });
  });

  it('never caches what has no hint, nor an answer with errors', async () => {
    const callers = unique('callers { name }');
    expect(await query(stack.url, callers, 'alice')).toMatchObject({ cache: 'MISS', cacheControl: 'no-store' });
    const again = await query(stack.url, callers, 'alice');
    expect(again).toMatchObject({ cache: 'MISS', cacheControl: 'no-store' });
    expect(again.body.data).toEqual({ [`q${counter}`]: [{ name: '张三' }] });

    const failing = unique('failing');
    expect((await query(stack.url, failing)).body.errors).toHaveLength(1);
    expect(await query(stack.url, failing)).toMatchObject({ cache: 'MISS', cacheControl: 'no-store' });
  });

  it('gives callers with different authorization different entries, and the same one to callers with the same', async () => {
    const text = unique('audience');
    const field = `q${counter}`;
    const alice = await query(stack.url, text, 'alice');
    const bob = await query(stack.url, text, 'bob');
    const anonymous = await query(stack.url, text);
    const cloud = await query(stack.url, text, 'cloud');
    const dora = await query(stack.url, text, 'dora');
    const erin = await query(stack.url, text, 'erin');
    for (const answer of [alice, bob, anonymous, cloud, dora, erin]) expect(answer.cache).toBe('MISS');
    expect(JSON.parse(bob.body.data[field])).toMatchObject({ scopes: [] });
    expect(JSON.parse(alice.body.data[field])).toMatchObject({ scopes: ['cloud:read', 'pii:read'] });
    expect(JSON.parse(dora.body.data[field])).toMatchObject({ dept: 'D01' });
    expect(JSON.parse(erin.body.data[field])).toMatchObject({ roles: ['auditor'] });

    // Alix holds what Alice holds: one public entry serves both.
    const alix = await query(stack.url, text, 'alix');
    expect(alix.cache).toBe('HIT');
    expect(alix.body.data).toEqual(alice.body.data);
    expect(await query(stack.url, text, 'bob')).toMatchObject({ cache: 'HIT', body: { data: bob.body.data } });
  });

  it('caches a private answer for its user only, and never for an anonymous caller', async () => {
    const text = unique('myNotes');
    const field = `q${counter}`;
    const alice = await query(stack.url, text, 'alice');
    expect(alice).toMatchObject({ cache: 'MISS', cacheControl: 'max-age=300, private' });
    expect(alice.body.data[field]).toEqual(['notes of alice']);
    expect(await query(stack.url, text, 'alice')).toMatchObject({ cache: 'HIT', body: { data: alice.body.data } });

    // Same authorization, other person: not Alice's entry.
    const alix = await query(stack.url, text, 'alix');
    expect(alix.cache).toBe('MISS');
    expect(alix.body.data[field]).toEqual(['notes of alix']);

    const anonymous = await query(stack.url, text);
    expect(anonymous.cache).toBe('MISS');
    expect(anonymous.body.data[field]).toEqual(['notes of nobody']);
    expect(await query(stack.url, text)).toMatchObject({ cache: 'MISS' });
  });

  it('answers afresh when the client asks for no-cache', async () => {
    const text = unique('callStatistics { total }');
    await query(stack.url, text);
    const before = stack.calls.requestIds.length;
    expect(await query(stack.url, text, undefined, { 'cache-control': 'no-cache' })).toMatchObject({ cache: 'BYPASS' });
    expect(stack.calls.requestIds.length).toBe(before + 1);
  });

  it('drops the responses of one subgraph when told it changed, and keeps the others', async () => {
    const callsOnly = unique('callStatistics { total }');
    const catalogueOnly = unique('departments { name }');
    const both = unique('departments { openCalls }');
    for (const text of [callsOnly, catalogueOnly, both]) {
      await query(stack.url, text);
      expect((await query(stack.url, text)).cache).toBe('HIT');
    }

    const outcome = await invalidateGatewayCache('calls', { gatewayUrl: stack.origin, secret: INTERNAL_SECRET, logger: quietLogger() });
    expect(outcome).toMatchObject({ ok: true, subgraph: 'calls' });

    expect((await query(stack.url, callsOnly)).cache).toBe('MISS');
    expect((await query(stack.url, both)).cache).toBe('MISS');
    expect((await query(stack.url, catalogueOnly)).cache).toBe('HIT');
  });

  it('accepts invalidation only with a fresh internal token for the gateway, for a known subgraph', async () => {
    expect((await invalidate(stack.origin, 'calls')).status).toBe(401);
    expect((await invalidate(stack.origin, 'calls', await gatewayToken('calls'))).status).toBe(401);
    const forged = await mintGatewayToken({ audience: 'gateway', viewer: PUBLIC_VIEWER, requestId: 'x', secret: new TextEncoder().encode('f'.repeat(32)) });
    expect((await invalidate(stack.origin, 'calls', forged)).status).toBe(401);
    const token = await gatewayToken();
    expect((await invalidate(stack.origin, 'calls', token)).status).toBe(200);
    expect((await invalidate(stack.origin, 'calls', token)).status).toBe(401); // replayed
    const unknown = await invalidate(stack.origin, 'nowhere', await gatewayToken());
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect((await fetch(new URL(CACHE_INVALIDATION_PATH, stack.origin))).status).toBe(405);
  });

  it('runs a hash-only persisted query once registered, and says PERSISTED_QUERY_NOT_FOUND before', async () => {
    const text = unique('callStatistics { total }');
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(text).digest('hex') };
    const before = await ask(stack.url, { extensions: { persistedQuery } });
    expect(before.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await ask(stack.url, { query: text, extensions: { persistedQuery } });
    expect(registered.body.data).toEqual({ [`q${counter}`]: { total: 10 } });
    await eventually(async () => (await ask(stack.url, { extensions: { persistedQuery } })).body.data !== undefined);
    const after = await ask(stack.url, { extensions: { persistedQuery } });
    expect(after.body.data).toEqual(registered.body.data);
    expect(after.cache).toBe('HIT');
  });

  it('plans an operation once, however often it runs', async () => {
    const text = unique('callers { name }');
    const before = stack.gateway.queryPlanCache.plansBuilt;
    for (let i = 0; i < 3; i++) expect((await query(stack.url, text)).status).toBe(200);
    expect(stack.gateway.queryPlanCache.plansBuilt).toBe(before + 1);
  });

  it('sends one fetch for identical concurrent requests of one caller, and keeps other callers apart', async () => {
    const text = unique('slowCallers { name }');
    const field = `q${counter}`;
    // Planned first, so that all of them reach the subgraph fetch while it is held.
    await query(stack.url, text, 'alice');
    callsGate.close();
    try {
      const fetchesBefore = stack.calls.requestIds.length;
      const sharedBefore = stack.gateway.sharedSubgraphFetches();
      const alices = Array.from({ length: 4 }, () => query(stack.url, text, 'alice'));
      const bob = query(stack.url, text, 'bob');
      await eventually(async () => stack.gateway.sharedSubgraphFetches() - sharedBefore === 3 && stack.calls.requestIds.length - fetchesBefore === 2);
      callsGate.open();
      for (const answer of await Promise.all(alices)) expect(answer.body.data).toEqual({ [field]: [{ name: '张三' }] });
      expect((await bob).body.data).toEqual({ [field]: [{ name: '张*' }] });
      expect(stack.calls.requestIds.length - fetchesBefore).toBe(2);
    } finally {
      callsGate.open();
    }
  });
});

describe.runIf(redisServerAvailable())('two gateways sharing one Redis', () => {
  let fixtures: Awaited<ReturnType<typeof startFixtures>>;
  let redis: RunningRedis;
  let first: CachedStack;
  let second: CachedStack;

  beforeAll(async () => {
    fixtures = await startFixtures();
    redis = await startRedisServer();
    first = await startCachedGateway(fixtures, { responseCache: 'redis', redisUrl: redis.url });
    second = await startCachedGateway(fixtures, { responseCache: 'redis', redisUrl: redis.url });
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await redis?.close();
    await fixtures?.close();
  });

  it('share cached responses, persisted queries and invalidations', async () => {
    const text = '{ shared: callStatistics { total } }';
    // Each gateway plans the operation once, so both key it by the subgraphs it reads.
    await query(first.url, text, undefined, { 'cache-control': 'no-cache' });
    await query(second.url, text, undefined, { 'cache-control': 'no-cache' });
    expect(await query(second.url, text)).toMatchObject({ cache: 'HIT' });
    expect(await query(first.url, text)).toMatchObject({ cache: 'HIT' });

    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(text).digest('hex') };
    await ask(first.url, { query: text, extensions: { persistedQuery } });
    await eventually(async () => (await ask(second.url, { extensions: { persistedQuery } })).body.data !== undefined);

    const outcome = await invalidateGatewayCache('calls', { gatewayUrl: second.origin, secret: INTERNAL_SECRET, logger: quietLogger() });
    expect(outcome.ok).toBe(true);
    expect(await query(first.url, text)).toMatchObject({ cache: 'MISS' });
    expect(await query(second.url, text)).toMatchObject({ cache: 'HIT' });
  });

  it('serves without the cache while Redis is down, and never fails a request for it', async () => {
    const text = '{ down: callStatistics { total } }';
    await redis.close();
    const answer = await query(first.url, text);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual({ down: { total: 10 } });
    expect(answer.cache).toBe('BYPASS');
    const outcome = await invalidateGatewayCache('calls', { gatewayUrl: first.origin, secret: INTERNAL_SECRET, logger: quietLogger() });
    expect(outcome).toMatchObject({ ok: false, status: 503 });
  });
});
