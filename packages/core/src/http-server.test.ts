import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloServer } from '@apollo/server';
import { REQUEST_ID_HEADER, resolveRequestId, sendJson, startHttpServer, type RunningHttpServer } from './http-server.js';

interface TestContext {
  requestId: string;
  userAgent: string | undefined;
}

const typeDefs = /* GraphQL */ `
  type Query {
    hello(name: String): String!
    requestId: String!
  }
`;

const resolvers = {
  Query: {
    hello: (_: unknown, args: { name?: string | null }) => `hello ${args.name ?? 'world'}`,
    requestId: (_: unknown, __: unknown, ctx: TestContext) => ctx.requestId,
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MAX_BODY = 2048;

let running: RunningHttpServer;
let base: string;

beforeAll(async () => {
  const apollo = new ApolloServer<TestContext>({ typeDefs, resolvers, logger: quietLogger() });
  running = await startHttpServer<TestContext>({
    apollo,
    port: 0,
    maxBodyBytes: MAX_BODY,
    context: async ({ req, requestId }) => ({ requestId, userAgent: req.headers['user-agent'] }),
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
      '/boom': () => {
        throw new Error('secret internals');
      },
    },
    onRequest: async (req, res) => {
      if (req.url !== '/' || !String(req.headers.accept).includes('text/html')) return false;
      res.setHeader('content-type', 'text/html');
      res.end('<html>explorer</html>');
      return true;
    },
  });
  base = new URL(running.url).origin;
});

afterAll(async () => {
  await running?.close();
});

function quietLogger() {
  const noop = () => {};
  return { debug: noop, info: noop, warn: noop, error: noop };
}

async function postGraphQL(body: string, headers: Record<string, string> = {}) {
  return fetch(running.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('resolveRequestId', () => {
  it('keeps a sane token and replaces anything else with a UUID', () => {
    expect(resolveRequestId('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    expect(resolveRequestId(undefined)).toMatch(UUID);
    expect(resolveRequestId('has space')).toMatch(UUID);
    expect(resolveRequestId('a'.repeat(129))).toMatch(UUID);
    expect(resolveRequestId('a'.repeat(128))).toBe('a'.repeat(128));
    expect(resolveRequestId('')).toMatch(UUID);
  });
});

describe('startHttpServer', () => {
  it('reports the GraphQL endpoint url and the bound port', () => {
    expect(running.port).toBeGreaterThan(0);
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/graphql`);
  });

  it('serves POST /graphql through Apollo with the request id in the context', async () => {
    const res = await postGraphQL(JSON.stringify({ query: '{ hello(name: "city") requestId }' }), {
      [REQUEST_ID_HEADER]: 'req-42',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get(REQUEST_ID_HEADER)).toBe('req-42');
    expect(await res.json()).toEqual({ data: { hello: 'hello city', requestId: 'req-42' } });
  });

  it('replaces an unsafe incoming request id with a fresh UUID', async () => {
    const res = await postGraphQL(JSON.stringify({ query: '{ requestId }' }), {
      [REQUEST_ID_HEADER]: 'bad id\twith <stuff>',
    });
    const generated = res.headers.get(REQUEST_ID_HEADER);
    expect(generated).toMatch(UUID);
    expect(await res.json()).toEqual({ data: { requestId: generated } });
  });

  it('serves GET /graphql with query parameters', async () => {
    const url = new URL(running.url);
    url.searchParams.set('query', '{ hello }');
    // Apollo's CSRF prevention wants a header that forces a preflight on GET.
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { hello: 'hello world' } });
  });

  it('answers malformed JSON with a GraphQL-shaped 400 and no stack trace', async () => {
    const res = await postGraphQL('{"query": "{ hello }"');
    expect(res.status).toBe(400);
    expect(res.headers.get(REQUEST_ID_HEADER)).toMatch(UUID);
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_REQUEST' });
    expect(body.errors[0]!.message).toMatch(/^Malformed JSON body/);
    expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('rejects a declared oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ query: `{ hello(name: "${'x'.repeat(MAX_BODY)}") }` });
    const res = await postGraphQL(big);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [{ message: `Request body exceeds ${MAX_BODY} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('rejects a chunked body once it grows past the limit', async () => {
    const { status, body, headers } = await new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
      (resolve, reject) => {
        const req = http.request(running.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        });
        req.on('response', (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
        });
        req.on('error', reject);
        req.write('{"query": "{ hello(name: \\"');
        req.write('y'.repeat(MAX_BODY));
        req.end('\\") }"}');
      },
    );
    expect(status).toBe(413);
    expect(headers[REQUEST_ID_HEADER]).toMatch(UUID);
    expect(JSON.parse(body)).toMatchObject({ errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
  });

  it('answers a client that keeps writing a large body with 413, not a reset', async () => {
    // 8 MB declared and written in one go: the 413 must reach the client although the server
    // refuses the body before it has arrived.
    const huge = 'z'.repeat(8 * 1024 * 1024);
    const outcome = await new Promise<{ status: number; writeError?: string }>((resolve, reject) => {
      const req = http.request(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(huge) },
      });
      let writeError: string | undefined;
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, writeError }));
      });
      req.on('error', (error) => {
        writeError = (error as NodeJS.ErrnoException).code;
        setTimeout(() => reject(error), 2_000);
      });
      req.end(huge);
    });
    expect(outcome).toEqual({ status: 413, writeError: undefined });
    // The connection was drained, not poisoned: the server still answers.
    expect((await postGraphQL(JSON.stringify({ query: '{ hello }' }))).status).toBe(200);
  });

  it('serves extra routes by exact path for any method', async () => {
    const get = await fetch(`${base}/health`, { headers: { [REQUEST_ID_HEADER]: 'health-1' } });
    expect(get.status).toBe(200);
    expect(get.headers.get(REQUEST_ID_HEADER)).toBe('health-1');
    expect(await get.json()).toEqual({ status: 'ok' });
    const post = await fetch(`${base}/health?probe=1`, { method: 'POST' });
    expect(post.status).toBe(200);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await fetch(`${base}/health/extra`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get(REQUEST_ID_HEADER)).toMatch(UUID);
    expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('turns a throwing route into a 500 without leaking the error', async () => {
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret internals');
    expect(JSON.parse(text)).toEqual({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  it('lets onRequest answer browsers asking for /, and sends everyone else to a 404', async () => {
    const html = await fetch(`${base}/`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(html.status).toBe(200);
    expect(await html.text()).toBe('<html>explorer</html>');
    const json = await fetch(`${base}/`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
  });

  it('keeps connections alive between requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const reused: boolean[] = [];
      for (let i = 0; i < 2; i++) {
        reused.push(
          await new Promise<boolean>((resolve, reject) => {
            const req = http.get(`${base}/health`, { agent }, (res) => {
              res.resume();
              res.on('end', () => resolve(req.reusedSocket));
            });
            req.on('error', reject);
          }),
        );
      }
      expect(reused).toEqual([false, true]);
    } finally {
      agent.destroy();
    }
  });
});

describe('close()', () => {
  it('closes idle keep-alive sockets, stops listening and stops Apollo', async () => {
    const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', logger: quietLogger() });
    const server = await startHttpServer({ apollo, port: 0, context: async () => ({}) });
    const agent = new http.Agent({ keepAlive: true });
    try {
      // Leave an idle keep-alive connection open: close() must not wait for it to time out.
      // (Wrapped in an object: resolving with a bare promise would wait for that promise.)
      const { socketClosed } = await new Promise<{ socketClosed: Promise<void> }>((resolve, reject) => {
        const req = http.get(`${new URL(server.url).origin}/nowhere`, { agent }, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ socketClosed: new Promise<void>((done) => req.socket!.once('close', () => done())) }),
          );
        });
        req.on('error', reject);
      });
      await server.close();
      await socketClosed;
      expect(server.server.listening).toBe(false);
      await expect(fetch(server.url)).rejects.toThrow();
      // Apollo was stopped too: executing now fails instead of answering.
      await expect(apollo.executeOperation({ query: '{ ok }' })).rejects.toThrow();
    } finally {
      agent.destroy();
    }
  });

  it('stops Apollo again when the port cannot be bound', async () => {
    const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', logger: quietLogger() });
    await expect(startHttpServer({ apollo, port: running.port, context: async () => ({}) })).rejects.toThrow(
      /EADDRINUSE/,
    );
    await expect(apollo.executeOperation({ query: '{ ok }' })).rejects.toThrow();
  });
});

describe('operationTimeoutMs', () => {
  it('answers 504 OPERATION_TIMEOUT when an operation runs past the bound, and keeps serving', async () => {
    const apollo = new ApolloServer({
      typeDefs: 'type Query { slow: String! fast: String! }',
      resolvers: {
        Query: {
          slow: () => new Promise<string>((resolve) => setTimeout(() => resolve('late'), 1_000)),
          fast: () => 'ok',
        },
      },
      logger: quietLogger(),
    });
    const server = await startHttpServer({ apollo, port: 0, operationTimeoutMs: 100, context: async () => ({}) });
    try {
      const ask = (query: string) =>
        fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      const slow = await ask('{ slow }');
      expect(slow.status).toBe(504);
      expect(await slow.json()).toEqual({
        errors: [{ message: 'The operation did not finish within 100 ms', extensions: { code: 'OPERATION_TIMEOUT' } }],
      });
      const fast = await ask('{ fast }');
      expect(await fast.json()).toEqual({ data: { fast: 'ok' } });
    } finally {
      await server.close();
    }
  });
});
