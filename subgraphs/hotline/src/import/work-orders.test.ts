import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { governmentUscc, runImport, viewerWith, type ImportTables } from '@govgraph/core';
import { cursorApi } from '@govgraph/core/testing';
import { refreshRollup } from '../store/rollup.js';
import type { Database } from '../store/schema.js';
import { fixtureOrders, graphOver, memoryDatabase, type FixtureGraph } from '../testing/fixture.js';
import { generatedOrders, upstreamOrder, type UpstreamWorkOrder } from '../testing/upstream-orders.js';
import { hotlineImports } from './index.js';
import { workOrders } from './work-orders.js';

const BASE_URL = 'http://hotline-platform.test';
const upstream = setupServer();
beforeAll(() => upstream.listen({ onUnhandledRequest: 'error' }));
afterEach(() => upstream.resetHandlers());
afterAll(() => upstream.close());

/** The platform's work-order API over `orders`, cursor-paginated as the contract says. */
function serve(orders: UpstreamWorkOrder[]): void {
  upstream.use(cursorApi(`${BASE_URL}/api/v1/work-orders`, orders));
}

const FAST = { initialDelayMs: 1, maxDelayMs: 2, requestsPerSecond: 1000 };
const ADMIN = viewerWith(['imports:admin', 'pii:read']);
const YEAR = { from: '2021-01-01', to: '2021-12-31' };
const STATISTICS = /* GraphQL */ `
  query ($filter: HotlineFilter!) {
    hotlineStatistics(filter: $filter) { received dispatched completed rated satisfied }
  }
`;

let db: Kysely<Database>;
let graph: FixtureGraph;

beforeEach(async () => {
  db = await memoryDatabase();
  await db.insertInto('work_orders').values(fixtureOrders()).execute();
  await refreshRollup(db);
  graph = graphOver(db, [], ADMIN);
});

afterEach(async () => {
  await db.destroy();
});

async function importOrders(orders: UpstreamWorkOrder[], batchSize = 500) {
  serve(orders);
  return runImport({ db, resource: workOrders, from: { url: BASE_URL, rest: FAST }, batchSize });
}

/** The rollup as it stands, and as a full recomputation from the orders makes it. */
async function rollupAgainstFullRefresh(): Promise<{ maintained: unknown[]; recomputed: unknown[] }> {
  const read = () => db.selectFrom('work_order_rollup').selectAll().orderBy(['dimension', 'grain', 'key', 'period']).execute();
  const maintained = await read();
  await refreshRollup(db);
  return { maintained, recomputed: await read() };
}

describe('importing work orders', () => {
  it('makes the statistics include an import the moment it commits', async () => {
    const before = (await graph.execute(STATISTICS, { filter: YEAR })).data.hotlineStatistics;
    expect(before.received).toBe(7);
    const fixture = fixtureOrders();
    // Order 6 was still open; the platform now reports it completed and rated.
    const completedSix = upstreamOrder(
      { ...fixture[5]!, replied_at: '2021-05-01T09:00:00+08:00', completed_at: '2021-05-02T09:00:00+08:00', rating: 'SATISFIED' },
      '2021-05-02T09:00:00+08:00',
    );
    const summary = await importOrders([...generatedOrders(40), completedSix], 7);
    expect(summary).toMatchObject({ status: 'SUCCEEDED', inserted: 40, updated: 1, unchanged: 0, quarantined: 0 });
    const after = (await graph.execute(STATISTICS, { filter: YEAR })).data.hotlineStatistics;
    expect(after.received).toBe(47);
    expect(after.completed - before.completed).toBe(1 + [...generatedOrders(40)].filter((o) => o.completedAt !== null).length);
    const { maintained, recomputed } = await rollupAgainstFullRefresh();
    expect(maintained).toEqual(recomputed);
  });

  it('moves an order between days when an update changes when it was received', async () => {
    const [first] = fixtureOrders();
    // Received on 5 January said the seed; the platform corrects it to 2 January.
    const moved = await importOrders([upstreamOrder({ ...first!, received_at: '2021-01-02T09:00:00+08:00' }, '2021-06-01T00:00:00+08:00')]);
    expect(moved).toMatchObject({ updated: 1 });
    const onDay = async (day: string) => (await graph.execute(STATISTICS, { filter: { from: day, to: day } })).data.hotlineStatistics.received;
    expect([await onDay('2021-01-05'), await onDay('2021-01-02')]).toEqual([0, 1]);
    const { maintained, recomputed } = await rollupAgainstFullRefresh();
    expect(maintained).toEqual(recomputed);
  });

  it('quarantines an order dispatched to an unknown department, and writes no orphan', async () => {
    const [order] = [...generatedOrders(1, 'unknown-department')];
    const unknown = governmentUscc('440899', 999);
    const orphan = { ...order!, id: 'WO2021X000001', disposition: 'DISPATCHED', departmentCode: unknown };
    const summary = await importOrders([orphan, ...generatedOrders(3)]);
    expect(summary).toMatchObject({ inserted: 3, quarantined: 1 });
    expect(await db.selectFrom('work_orders').select('id').where('id', '=', 'WO2021X000001').execute()).toEqual([]);
    const rows = await (db as unknown as Kysely<ImportTables>).selectFrom('import_quarantine').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ natural_key: 'WO2021X000001', reason: `unknown department ${unknown}`, page: 'first' })]);
  });

  it('changes nothing, not even the rollup, when the same orders come again', async () => {
    const orders = [...generatedOrders(30)];
    await importOrders(orders, 10);
    const rollup = await db.selectFrom('work_order_rollup').selectAll().orderBy(['dimension', 'grain', 'key', 'period']).execute();
    const again = await importOrders(orders, 10);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 30, quarantined: 0 });
    expect(await db.selectFrom('work_order_rollup').selectAll().orderBy(['dimension', 'grain', 'key', 'period']).execute()).toEqual(rollup);
  });
});

describe('the import status in the graph', () => {
  const STATUS = /* GraphQL */ `
    query ($filter: QuarantineFilter, $first: Int, $after: String) {
      hotlineImports {
        resources { resource openQuarantined lastRun { id status source inserted updated unchanged quarantined error } }
        quarantined(filter: $filter, first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { node { id resource source page line naturalKey reason status raw run { id status } } }
        }
      }
    }
  `;

  async function importWithTwoRejects() {
    const [good] = [...generatedOrders(1, 'status')];
    return importOrders([{ ...good!, receivedAt: 'tomorrow' }, { ...good!, id: 'WO2021Y000001', itemCode: 'NOSUCHITEM01' }, good!]);
  }

  it('shows the last run per resource and the quarantined records with their reasons, page by page', async () => {
    const run = await importWithTwoRejects();
    const first = await graph.execute(STATUS, { first: 1 });
    expect(first.errors).toBeUndefined();
    const status = first.data.hotlineImports;
    expect(status.resources).toEqual([
      {
        resource: 'work-orders',
        openQuarantined: 2,
        lastRun: {
          id: String(run.runId),
          status: 'SUCCEEDED',
          source: `${BASE_URL}/api/v1/work-orders`,
          inserted: 1,
          updated: 0,
          unchanged: 0,
          quarantined: 2,
          error: null,
        },
      },
    ]);
    expect(status.quarantined.totalCount).toBe(2);
    expect(status.quarantined.pageInfo.hasNextPage).toBe(true);
    expect(status.quarantined.edges[0].node).toMatchObject({
      resource: 'work-orders',
      naturalKey: 'WO2021Y000001',
      reason: 'unknown service item NOSUCHITEM01',
      status: 'OPEN',
      run: { id: String(run.runId), status: 'SUCCEEDED' },
    });
    expect(JSON.parse(status.quarantined.edges[0].node.raw).id).toBe('WO2021Y000001');
    const second = await graph.execute(STATUS, { first: 1, after: status.quarantined.pageInfo.endCursor });
    expect(second.data.hotlineImports.quarantined.edges[0].node).toMatchObject({ naturalKey: null, reason: 'receivedAt: not a date and time ("tomorrow")' });
    expect(second.data.hotlineImports.quarantined.pageInfo.hasNextPage).toBe(false);
    const filtered = await graph.execute(STATUS, { filter: { status: 'RESOLVED' } });
    expect(filtered.data.hotlineImports.quarantined.totalCount).toBe(0);
  });

  it('is for import admins only, and shows raw records only to those who may read personal data', async () => {
    await importWithTwoRejects();
    const publicGraph = graphOver(db, [], viewerWith([]));
    const refused = await publicGraph.execute(STATUS, {});
    expect(refused.data.hotlineImports).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const adminWithoutPii = graphOver(db, [], viewerWith(['imports:admin']));
    const masked = await adminWithoutPii.execute(STATUS, {});
    expect(masked.data.hotlineImports.quarantined.edges.map((e: any) => e.node.raw)).toEqual([null, null]);
    expect(masked.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('re-runs quarantined records after a fix: the record is written, resolved, and counted at once', async () => {
    // A record an earlier importer rejected that the current one accepts.
    const [order] = [...generatedOrders(1, 'fixed-later')];
    const at = new Date().toISOString();
    const importDb = db as unknown as Kysely<ImportTables>;
    const { id: runId } = await importDb
      .insertInto('import_runs')
      .values({ resource: 'work-orders', source: 'old.csv', since: null, started_at: at, finished_at: at, heartbeat_at: at, status: 'SUCCEEDED', inserted: 0, updated: 0, unchanged: 0, quarantined: 1, error: null, resumed_from: null, host: 'elsewhere', pid: 1, instance: 'old' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id } = await importDb
      .insertInto('import_quarantine')
      .values({ run_id: runId, resource: 'work-orders', source: 'old.csv', page: null, line: 12, raw_text: 'as read', record_json: JSON.stringify(order), natural_key: order!.id, reason: 'rejected by an older importer', status: 'OPEN', quarantined_at: at, resolved_at: null, resolved_by_run: null })
      .returning('id')
      .executeTakeFirstOrThrow();

    const retry = await graph.execute(
      /* GraphQL */ `mutation ($filter: QuarantineFilter) {
        retryHotlineQuarantinedRecords(filter: $filter) {
          retried resolved stillQuarantined
          runs { source status inserted }
          records { id status resolvedAt }
        }
      }`,
      { filter: { ids: [String(id)] } },
    );
    expect(retry.errors).toBeUndefined();
    expect(retry.data.retryHotlineQuarantinedRecords).toMatchObject({
      retried: 1,
      resolved: 1,
      stillQuarantined: 0,
      runs: [{ source: 'quarantine', status: 'SUCCEEDED', inserted: 1 }],
      records: [{ id: String(id), status: 'RESOLVED' }],
    });
    const stats = (await graph.execute(STATISTICS, { filter: YEAR })).data.hotlineStatistics;
    expect(stats.received).toBe(8);
    expect(hotlineImports.resources.map((r) => r.name)).toEqual(['work-orders']);
  });

  it('refuses a filter that names an unknown resource', async () => {
    const result = await graph.execute(STATUS, { filter: { resource: 'complaints' } });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0]?.message).toBe('filter.resource: no import resource "complaints"; known: work-orders');
  });
});
