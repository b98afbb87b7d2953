import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayTokenVerifier, GATEWAY_TOKEN_HEADER } from './gateway-credentials.js';
import {
  CACHE_INVALIDATION_PATH,
  GATEWAY_AUDIENCE,
  invalidateGatewayCache,
  invalidateGatewayCacheAfterImport,
} from './gateway-cache-client.js';

const SECRET = 's'.repeat(32);
const silent = { info: () => {}, warn: () => {} };

describe('invalidateGatewayCache', () => {
  const received: { path: string | undefined; body: string; verified: boolean }[] = [];
  let server: http.Server;
  let origin: string;
  let status = 200;

  beforeAll(async () => {
    const verifier = createGatewayTokenVerifier({ audience: GATEWAY_AUDIENCE, secret: new TextEncoder().encode(SECRET) });
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', async () => {
        const verified = await verifier.verify(req.headers[GATEWAY_TOKEN_HEADER]).then(() => true, () => false);
        received.push({ path: req.url, body, verified });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status === 200 ? { subgraph: 'hotline', invalidated: true, generation: 'g2' } : { errors: [{ message: 'nope' }] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts the subgraph with a token for the gateway and returns the new generation', async () => {
    const outcome = await invalidateGatewayCache('hotline', { gatewayUrl: `${origin}/graphql`, secret: SECRET, logger: silent });
    expect(outcome).toEqual({ ok: true, subgraph: 'hotline', generation: 'g2' });
    expect(received.at(-1)).toEqual({ path: CACHE_INVALIDATION_PATH, body: '{"subgraph":"hotline"}', verified: true });
  });

  it('finds the gateway and the secret in the environment', async () => {
    const outcome = await invalidateGatewayCache('hotline', {
      env: { GOVGRAPH_GATEWAY_URL: origin, GOVGRAPH_INTERNAL_SECRET: SECRET },
      logger: silent,
    });
    expect(outcome.ok).toBe(true);
  });

  it('after an import, tells the gateway named by GOVGRAPH_GATEWAY_URL, and nobody when none is named', async () => {
    const before = received.length;
    const unnamed = invalidateGatewayCacheAfterImport('cloud', { env: { GOVGRAPH_INTERNAL_SECRET: SECRET }, logger: silent });
    await unnamed();
    expect(received.length).toBe(before);
    const named = invalidateGatewayCacheAfterImport('cloud', {
      env: { GOVGRAPH_GATEWAY_URL: origin, GOVGRAPH_INTERNAL_SECRET: SECRET },
      logger: silent,
    });
    await named();
    expect(received.length).toBe(before + 1);
    expect(received.at(-1)).toMatchObject({ body: '{"subgraph":"cloud"}', verified: true });
  });

  it('reports a refusal, an unreachable gateway and a missing secret without throwing', async () => {
    const warnings: string[] = [];
    const logger = { info: () => {}, warn: (message: string) => warnings.push(message) };
    status = 401;
    expect(await invalidateGatewayCache('hotline', { gatewayUrl: origin, secret: SECRET, logger })).toEqual({
      ok: false,
      subgraph: 'hotline',
      reason: 'nope',
      status: 401,
    });
    status = 200;
    const unreachable = await invalidateGatewayCache('hotline', { gatewayUrl: 'http://127.0.0.1:1', secret: SECRET, logger });
    expect(unreachable.ok).toBe(false);
    const noSecret = await invalidateGatewayCache('hotline', { gatewayUrl: origin, env: {}, logger });
    expect(noSecret).toMatchObject({ ok: false, reason: expect.stringMatching(/GOVGRAPH_INTERNAL_SECRET/) });
    expect(warnings).toHaveLength(3);
  });
});
