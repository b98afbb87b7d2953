import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ALL_SCOPES, gatewayCredentialHeaders, viewerWith } from '@govgraph/core';
import { startSubgraph } from './server.js';

// The fixed development secret, as a test may opt into (NODE_ENV is `test` under vitest).
process.env.GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET = 'true';

const dir = mkdtempSync(path.join(tmpdir(), 'govgraph-cloud-'));
const file = path.join(dir, 'cloud.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function post(url: string, query: string): Promise<{ status: number; body: unknown }> {
  const credentials = await gatewayCredentialHeaders('cloud', viewerWith(ALL_SCOPES));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

describe('startSubgraph', () => {
  it('creates and seeds the database on first start, serves /graphql and /health, and reuses the data next time', async () => {
    const firstLog: string[] = [];
    const first = await startSubgraph({ port: 0, file, log: (m) => firstLog.push(m) });
    try {
      expect(firstLog.some((m) => /seeded dataset/.test(m))).toBe(true);
      const health = await fetch(new URL('/health', first.url));
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', subgraph: 'cloud' });
      const { status, body } = await post(first.url, '{ cloudTenancy(asOf: "2021-12-31") { departments systems } }');
      expect(status).toBe(200);
      expect(body).toEqual({ data: { cloudTenancy: { departments: 57, systems: 99 } } });
    } finally {
      await first.close();
    }
    expect(statSync(file).size).toBeGreaterThan(0);

    const secondLog: string[] = [];
    const second = await startSubgraph({ port: 0, file, log: (m) => secondLog.push(m) });
    try {
      expect(secondLog.some((m) => /seeded dataset/.test(m))).toBe(false);
      const { body } = await post(second.url, '{ businessSystem(id: "BS-2021-001") { id } }');
      expect(body).toEqual({ data: { businessSystem: { id: 'BS-2021-001' } } });
    } finally {
      await second.close();
    }
  }, 30_000);

  it('logs the statements that serve requests at or over the slow-query threshold, through its logger', async () => {
    const log: string[] = [];
    // Threshold 0: every statement counts as slow, so the test needs no timing.
    const running = await startSubgraph({ port: 0, file, log: (m) => log.push(m), slowQueryMs: 0 });
    try {
      // Migrations and the seed check ran before serving: not request statements, not logged.
      expect(log.filter((m) => m.startsWith('slow query'))).toEqual([]);
      await post(running.url, '{ cloudTenancy(asOf: "2021-12-31") { departments } }');
      const slow = log.filter((m) => m.startsWith('slow query'));
      expect(slow.length).toBeGreaterThan(0);
      expect(slow.every((m) => /^slow query \d+\.\d ms: select /.test(m))).toBe(true);
      // Parameters stay out of the log: the date the query was asked for is bound, not written.
      expect(slow.join('\n')).not.toContain('2021-12-31');
    } finally {
      await running.close();
    }
  }, 30_000);
});

// The benchmark's opt-in (core unsigned-calls.ts), seen through a real subgraph: peer gateways that
// cannot mint the gateway token reach it as a configured caller, and nowhere but in dev/test.
describe('startSubgraph with GOVGRAPH_TRUST_UNSIGNED_CALLS', () => {
  afterEach(() => vi.unstubAllEnvs());
  const perSystemDetail = '{ businessSystem(id: "BS-2021-001") { id allocation { vcpu } } }';

  async function postUnsigned(url: string, headers: Record<string, string> = {}) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: perSystemDetail }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] } };
  }

  it('answers a call without credentials with the configured scopes, and still refuses a forged token', async () => {
    vi.stubEnv('GOVGRAPH_TRUST_UNSIGNED_CALLS', 'true');
    vi.stubEnv('GOVGRAPH_UNSIGNED_CALLER_SCOPES', 'cloud:read');
    const running = await startSubgraph({ port: 0, file });
    try {
      const unsigned = await postUnsigned(running.url);
      expect(unsigned.status).toBe(200);
      expect(unsigned.body.errors).toBeUndefined();
      expect(unsigned.body.data.businessSystem.id).toBe('BS-2021-001');
      expect(unsigned.body.data.businessSystem.allocation.vcpu).toBeGreaterThan(0);
      const forged = await postUnsigned(running.url, { 'x-govgraph-gateway-token': 'forged' });
      expect(forged.status).toBe(401);
      expect(forged.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    } finally {
      await running.close();
    }
  }, 30_000);

  it('gives an unsigned call no scopes unless configured', async () => {
    vi.stubEnv('GOVGRAPH_TRUST_UNSIGNED_CALLS', 'true');
    const running = await startSubgraph({ port: 0, file });
    try {
      const { body } = await postUnsigned(running.url);
      expect(body.data?.businessSystem ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await running.close();
    }
  }, 30_000);

  it('refuses to start with it in production', async () => {
    vi.stubEnv('GOVGRAPH_TRUST_UNSIGNED_CALLS', 'true');
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('GOVGRAPH_INTERNAL_SECRET', 'p'.repeat(40));
    await expect(startSubgraph({ port: 0, file })).rejects.toThrow(/benchmarks and development only/);
  }, 30_000);
});
