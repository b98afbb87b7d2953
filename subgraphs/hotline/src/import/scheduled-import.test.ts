/**
 * The hotline subgraph imports on a schedule when started with GOVGRAPH_HOTLINE_IMPORT_URL and
 * GOVGRAPH_HOTLINE_IMPORT_INTERVAL, and stops that import cleanly when it is closed.
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Kysely } from 'kysely';
import type { ImportTables } from '@govgraph/core';
import { startSubgraph } from '../server.js';
import { generatedOrders } from '../testing/upstream-orders.js';

const upstream = setupServer();
const PLATFORM = 'http://hotline-platform.test';
const VARIABLES = ['GOVGRAPH_HOTLINE_IMPORT_URL', 'GOVGRAPH_HOTLINE_IMPORT_INTERVAL', 'GOVGRAPH_SEED', 'GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET'];
const saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));

beforeAll(() => {
  upstream.listen({ onUnhandledRequest: 'error' });
  // An empty database (no seed) and the fixed development secret tests may use.
  process.env.GOVGRAPH_SEED = 'false';
  process.env.GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET = 'true';
});
afterEach(() => {
  upstream.resetHandlers();
  delete process.env.GOVGRAPH_HOTLINE_IMPORT_URL;
  delete process.env.GOVGRAPH_HOTLINE_IMPORT_INTERVAL;
});
afterAll(() => {
  upstream.close();
  for (const v of VARIABLES) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
});

describe('the hotline subgraph with an import schedule', () => {
  it('imports from the platform once started, and stops the schedule when closed', async () => {
    let requests = 0;
    upstream.use(
      http.get(`${PLATFORM}/api/v1/work-orders`, () => {
        requests++;
        return HttpResponse.json({ items: [...generatedOrders(5, 'scheduled')], nextCursor: null });
      }),
    );
    process.env.GOVGRAPH_HOTLINE_IMPORT_URL = PLATFORM;
    process.env.GOVGRAPH_HOTLINE_IMPORT_INTERVAL = '1h';
    const logs: string[] = [];
    const running = await startSubgraph({ port: 0, file: ':memory:', log: (m) => logs.push(m) });
    try {
      await vi.waitFor(async () => {
        const runs = await (running.db as unknown as Kysely<ImportTables>).selectFrom('import_runs').selectAll().execute();
        expect(runs.map((r) => [r.status, r.inserted])).toEqual([['SUCCEEDED', 5]]);
      });
      expect(logs).toContain(`importing from ${PLATFORM} every 3600 s`);
      expect(await running.db.selectFrom('work_orders').select('id').execute()).toHaveLength(5);
    } finally {
      await running.close();
    }
    expect(requests).toBe(1);
  });

  it('refuses to start with half a schedule', async () => {
    process.env.GOVGRAPH_HOTLINE_IMPORT_URL = PLATFORM;
    await expect(startSubgraph({ port: 0, file: ':memory:' })).rejects.toThrow(
      'set both GOVGRAPH_HOTLINE_IMPORT_URL and GOVGRAPH_HOTLINE_IMPORT_INTERVAL to import on a schedule, or neither',
    );
  });
});
