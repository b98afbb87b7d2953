import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import {
  createPooledFetcher,
  isReplayableGraphQLRequest,
  subgraphFetchError,
  SUBGRAPH_UNAVAILABLE,
  type FetcherResponse,
} from './subgraph-data-source.js';

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
