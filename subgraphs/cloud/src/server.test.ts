import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
});
