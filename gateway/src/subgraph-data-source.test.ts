import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { GATEWAY_TOKEN_HEADER, PUBLIC_VIEWER, viewerWith, type Viewer } from '@govgraph/core';
import {
  cacheHintFromHeader,
  createPooledFetcher,
  isReplayableGraphQLRequest,
  subgraphFetchError,
  SubgraphDataSource,
  SUBGRAPH_UNAVAILABLE,
  type Fetcher,
  type FetcherResponse,
} from './subgraph-data-source.js';
import { eventually } from './__fixtures__/subgraphs.js';

function fakeResponse(status: number, statusText: string): FetcherResponse {
  return Object.assign(new Response('', { status, statusText }), {});
}

describe('subgraphFetchError', () => {
  it('reports a connection failure as SUBGRAPH_UNAVAILABLE naming the subgraph', () => {
    const error = subgraphFetchError('hotline', new Error('connect ECONNREFUSED 127.0.0.1:4004'));
    expect(error.message).toBe('Subgraph "hotline" is unavailable: connect ECONNREFUSED 127.0.0.1:4004');
    expect(error.extensions).toEqual({ code: SUBGRAPH_UNAVAILABLE, serviceName: 'hotline' });
  });

  it('treats 502/503/504 answers as unavailable too, keeping the response details', () => {
    const httpError = new GraphQLError('503: Service Unavailable', {
      extensions: { response: { status: 503, body: 'down' } },
    });
    const error = subgraphFetchError('cloud', httpError, fakeResponse(503, 'Service Unavailable'));
    expect(error.message).toBe('Subgraph "cloud" is unavailable: HTTP 503 Service Unavailable');
    expect(error.extensions).toEqual({
      code: SUBGRAPH_UNAVAILABLE,
      serviceName: 'cloud',
      response: { status: 503, body: 'down' },
    });
  });

  it('keeps other HTTP errors (401 -> UNAUTHENTICATED) and adds the subgraph name', () => {
    const httpError = new GraphQLError('401: Unauthorized', { extensions: { code: 'UNAUTHENTICATED' } });
    const error = subgraphFetchError('certificates', httpError, fakeResponse(401, 'Unauthorized'));
    expect(error.message).toBe('401: Unauthorized');
    expect(error.extensions).toEqual({ code: 'UNAUTHENTICATED', serviceName: 'certificates' });
  });

  it('names the subgraph when a 2xx answer is not GraphQL', () => {
    const error = subgraphFetchError('cloud', new Error('Expected JSON response body'), fakeResponse(200, 'OK'));
    expect(error.message).toBe('Subgraph "cloud" sent an invalid response: Expected JSON response body');
    expect(error.extensions).toEqual({ serviceName: 'cloud' });
  });
});

describe('isReplayableGraphQLRequest', () => {
  const post = (query: string) => ({ method: 'POST', body: JSON.stringify({ query }) });
  it('replays queries and GETs but never mutations', () => {
    expect(isReplayableGraphQLRequest({ method: 'GET' })).toBe(true);
    expect(isReplayableGraphQLRequest(post('query Q__a__0 { a }'))).toBe(true);
    expect(isReplayableGraphQLRequest(post('{ a }'))).toBe(true);
    expect(isReplayableGraphQLRequest(post('mutation M__a__0 { a }'))).toBe(false);
    expect(isReplayableGraphQLRequest(post('  mutation{ a }'))).toBe(false);
    expect(isReplayableGraphQLRequest({ method: 'POST', body: 'not json' })).toBe(false);
  });
});

describe('createPooledFetcher', () => {
  let server: http.Server;
  let base: string;
  const connections: unknown[] = [];
  const seen: { method?: string; body: string; headers: http.IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({ method: req.method, body, headers: req.headers });
        if (req.url === '/hang') return;
        if (req.url === '/empty') {
          res.statusCode = 204;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.setHeader('x-extra', 'yes');
        res.end(JSON.stringify({ echo: body }));
      });
    });
    server.on('connection', (socket) => connections.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('posts the body and headers and returns a fetch-like response', async () => {
    const pool = createPooledFetcher({ timeoutMs: 5_000 });
    try {
      const res = await pool.fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
        body: '{"query":"{ a }"}',
      });
      expect(res.ok).toBe(true);
      expect(res.status).toBe(200);
      expect(res.url).toBe(`${base}/graphql`);
      expect(res.headers.get('x-extra')).toBe('yes');
      expect(await res.json()).toEqual({ echo: '{"query":"{ a }"}' });
      expect(seen.at(-1)).toMatchObject({ method: 'POST', headers: { 'x-request-id': 'r-1' } });
      const empty = await pool.fetch(`${base}/empty`);
      expect(empty.status).toBe(204);
    } finally {
      pool.destroy();
    }
  });

  it('reuses one connection for sequential requests', async () => {
    const pool = createPooledFetcher({ timeoutMs: 5_000 });
    try {
      const before = connections.length;
      for (let i = 0; i < 5; i++) await (await pool.fetch(`${base}/graphql`, { method: 'POST', body: '{}' })).text();
      expect(connections.length - before).toBe(1);
    } finally {
      pool.destroy();
    }
  });

  it('gives up after the timeout with a clear error', async () => {
    const pool = createPooledFetcher({ timeoutMs: 5_000 });
    try {
      await expect(pool.fetchWithTimeout(`${base}/hang`, { method: 'GET' }, 100)).rejects.toThrow(
        'request timed out after 100 ms',
      );
    } finally {
      pool.destroy();
    }
  });

  it('resends a query on a new connection when the pooled one was closed by the server', async () => {
    const pool = createPooledFetcher({ timeoutMs: 5_000, isReplayable: isReplayableGraphQLRequest });
    try {
      const body = JSON.stringify({ query: '{ a }' });
      await (await pool.fetch(`${base}/graphql`, { method: 'POST', body })).text();
      // The server drops every idle connection, as a restarting subgraph does.
      server.closeIdleConnections();
      const res = await pool.fetch(`${base}/graphql`, { method: 'POST', body });
      expect(res.status).toBe(200);
    } finally {
      pool.destroy();
    }
  });
});

describe('cacheHintFromHeader', () => {
  it('reads a subgraph Cache-Control as the gateway does: nothing cacheable unless it says max-age', () => {
    expect(cacheHintFromHeader('max-age=300, public')).toEqual({ maxAge: 300, scope: 'PUBLIC' });
    expect(cacheHintFromHeader('max-age=60, private')).toEqual({ maxAge: 60, scope: 'PRIVATE' });
    expect(cacheHintFromHeader('no-store')).toEqual({ maxAge: 0 });
    expect(cacheHintFromHeader(null)).toEqual({ maxAge: 0 });
    expect(cacheHintFromHeader('max-age=abc')).toEqual({ maxAge: 0 });
  });
});

describe('SubgraphDataSource with in-flight dedup', () => {
  /** A subgraph that answers when told to, counting fetches and the tokens it was sent. */
  function heldSubgraph(cacheControl: string) {
    const pending: (() => void)[] = [];
    const tokens: string[] = [];
    const fetcher = (async (_url: string, init?: { headers?: Record<string, string> }) => {
      tokens.push(init?.headers?.[GATEWAY_TOKEN_HEADER] ?? '');
      await new Promise<void>((resolve) => pending.push(resolve));
      return new Response(JSON.stringify({ data: { stats: { total: 10 } } }), {
        headers: { 'content-type': 'application/json', 'cache-control': cacheControl },
      });
    }) as unknown as Fetcher;
    return {
      fetcher,
      tokens,
      /** Answers every fetch once `expected` of them have been sent. */
      answer: async (expected: number) => {
        await eventually(async () => pending.length === expected);
        pending.splice(0).forEach((resolve) => resolve());
      },
    };
  }

  function operation(viewer: Viewer) {
    const overallCachePolicy = newCachePolicy();
    const context = { requestId: 'r', viewer };
    const options = {
      kind: 'incoming operation',
      request: { query: '{ stats { total } }', variables: {}, http: { method: 'POST', url: '', headers: new Headers() } },
      context,
      incomingRequestContext: { overallCachePolicy, context },
    } as unknown as Parameters<SubgraphDataSource['process']>[0];
    return { options, overallCachePolicy };
  }

  function newCachePolicy() {
    // The part of Apollo's CachePolicy the data source uses.
    return {
      maxAge: undefined as number | undefined,
      scope: undefined as string | undefined,
      restrict(hint: { maxAge?: number; scope?: string }) {
        if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
        if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
      },
      replace() {},
      policyIfCacheable: () => null,
    };
  }

  it('sends one fetch (and mints one token) for identical concurrent fetches of one caller, each with its own copy', async () => {
    const subgraph = heldSubgraph('max-age=300, public');
    let minted = 0;
    const source = new SubgraphDataSource({ name: 'calls', url: 'http://calls/graphql', fetcher: subgraph.fetcher, dedup: true, credentials: async () => `token-${++minted}` });
    const alice = viewerWith(['pii:read'], { sub: 'alice' });
    const runs = [operation(alice), operation(alice), operation(alice)];
    const responses = runs.map(({ options }) => source.process(options));
    await subgraph.answer(1);
    const [first, second, third] = await Promise.all(responses);
    expect(subgraph.tokens).toEqual(['token-1']);
    expect(source.sharedFetches).toBe(2);
    expect(second!.data).toEqual({ stats: { total: 10 } });
    second!.data!.stats.total = 99;
    expect(first!.data).toEqual({ stats: { total: 10 } });
    expect(third!.data).toEqual({ stats: { total: 10 } });
    // Every request's cache policy is narrowed by the subgraph's answer, the followers' too.
    for (const { overallCachePolicy } of runs) expect(overallCachePolicy).toMatchObject({ maxAge: 300, scope: 'PUBLIC' });
  });

  it('narrows a follower to "not cacheable" when the shared answer says no-store', async () => {
    const subgraph = heldSubgraph('no-store');
    const source = new SubgraphDataSource({ name: 'calls', url: 'http://calls/graphql', fetcher: subgraph.fetcher, dedup: true });
    const runs = [operation(PUBLIC_VIEWER), operation(PUBLIC_VIEWER)];
    const responses = runs.map(({ options }) => source.process(options));
    await subgraph.answer(1);
    await Promise.all(responses);
    expect(source.sharedFetches).toBe(1);
    for (const { overallCachePolicy } of runs) expect(overallCachePolicy.maxAge).toBe(0);
  });

  it('never shares between callers who differ in anything the token carries', async () => {
    const subgraph = heldSubgraph('max-age=300, public');
    const source = new SubgraphDataSource({ name: 'calls', url: 'http://calls/graphql', fetcher: subgraph.fetcher, dedup: true, credentials: async () => 't' });
    const viewers = [
      PUBLIC_VIEWER,
      viewerWith([], { sub: 'bob' }),
      viewerWith(['pii:read'], { sub: 'bob' }),
      viewerWith(['pii:read'], { sub: 'bob', dept: 'D01' }),
      viewerWith(['pii:read'], { sub: 'bob', dept: 'D01', roles: ['auditor'] }),
      viewerWith(['pii:read'], { sub: 'eve', dept: 'D01', roles: ['auditor'] }),
    ];
    const responses = viewers.map((viewer) => source.process(operation(viewer).options));
    await subgraph.answer(viewers.length);
    await Promise.all(responses);
    expect(subgraph.tokens).toHaveLength(viewers.length);
    expect(source.sharedFetches).toBe(0);
  });
});
