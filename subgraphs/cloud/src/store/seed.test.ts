import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { directory, seedOnce } from '@govgraph/core';
import { createTestServer, dataOf, execute, openTestDatabase, type TestDatabase } from '../testing.js';
import { buildDataset, CLOUD_FIGURES, seed } from './seed.js';

let test: TestDatabase;
let seedMs = 0;
const server = createTestServer();
const run = (query: string, variables?: Record<string, unknown>) => execute(server, test.db, query, variables);
const ASOF = CLOUD_FIGURES.asOf;

beforeAll(async () => {
  test = await openTestDatabase();
  const started = performance.now();
  await seedOnce(test.db, (trx) => seed(trx));
  seedMs = performance.now() - started;
}, 30_000);
afterAll(async () => {
  await test.db.destroy();
});

describe('the full 2021 seed', () => {
  it('seeds in a few seconds', () => {
    expect(seedMs).toBeLessThan(5_000);
  });

  it('is deterministic', () => {
    expect(buildDataset()).toEqual(buildDataset());
  });

  it('gives the report’s capacity: two 2021 expansions up to 7712 vCPU, 29536 GB, 988 TB', async () => {
    const data = dataOf<{
      cloudCapacity: { total: object; expansions: number };
      capacityExpansions: { completedOn: string; totalAfter: object }[];
      before: unknown[];
    }>(
      await run(`query($asOf: Date!) {
        cloudCapacity(asOf: $asOf) { total { vcpu memoryGb storageTb } expansions }
        capacityExpansions(from: "2021-01-01", to: "2021-12-31") { completedOn totalAfter { vcpu memoryGb storageTb } }
        before: capacityExpansions(from: "2000-01-01", to: "2020-12-31") { completedOn }
      }`, { asOf: ASOF }),
    );
    expect(data.cloudCapacity).toEqual({ total: CLOUD_FIGURES.capacity, expansions: CLOUD_FIGURES.expansions });
    expect(data.capacityExpansions).toHaveLength(2);
    expect(data.capacityExpansions.at(-1)!.totalAfter).toEqual(CLOUD_FIGURES.capacity);
    expect(data.capacityExpansions.every((e) => e.completedOn.startsWith('2021-'))).toBe(true);
    expect(data.before).toEqual([]);
  });

  it('gives the report’s tenants: 99 systems of 57 departments, mostly city, some county', async () => {
    const data = dataOf<{ cloudTenancy: { departments: number; systems: number } }>(
      await run(`query($asOf: Date!) { cloudTenancy(asOf: $asOf) { departments systems } }`, { asOf: ASOF }),
    );
    expect(data.cloudTenancy).toEqual(CLOUD_FIGURES.tenants);
    const rows = await test.db.selectFrom('business_systems').select('department_code').distinct().execute();
    const levels = rows.map((r) => directory().departmentByCode.get(r.department_code)?.level);
    const city = levels.filter((l) => l === 'CITY').length;
    const county = levels.filter((l) => l === 'COUNTY').length;
    expect(city + county).toBe(57);
    expect(city).toBeGreaterThan(county);
    expect(county).toBeGreaterThan(0);
  });

  it('never allocates more than the capacity in force, on any day', async () => {
    const days = await test.db.selectFrom('business_systems').select('allocated_on').distinct().execute();
    const capacityDays = await test.db.selectFrom('capacity_events').select('completed_on').execute();
    const asOfs = [...days.map((d) => d.allocated_on), ...capacityDays.map((d) => d.completed_on), ASOF];
    const query = `query($asOf: Date!) {
      cloudCapacity(asOf: $asOf) { total { vcpu memoryGb storageTb } allocated { vcpu memoryGb storageTb } }
    }`;
    type Amount = { vcpu: number; memoryGb: number; storageTb: number };
    for (const asOf of asOfs) {
      const { cloudCapacity: c } = dataOf<{ cloudCapacity: { total: Amount; allocated: Amount } }>(await run(query, { asOf }));
      expect(c.allocated.vcpu, asOf).toBeLessThan(c.total.vcpu);
      expect(c.allocated.memoryGb, asOf).toBeLessThan(c.total.memoryGb);
      expect(c.allocated.storageTb, asOf).toBeLessThan(c.total.storageTb);
    }
  });

  it('gives the report’s census: 225 systems, 1227 catalogue entries, 50 demands, 142 experts, 100% linked', async () => {
    const data = dataOf<{ dataInventory: Record<string, number> }>(
      await run(`query($asOf: Date!) {
        dataInventory(asOf: $asOf) {
          informationSystems dataCatalogs demandCatalogs experts registeredItems linkedItems itemLinkRate
        }
      }`, { asOf: ASOF }),
    );
    expect(data.dataInventory).toMatchObject({ ...CLOUD_FIGURES.inventory, itemLinkRate: CLOUD_FIGURES.itemLinkRate });
    expect(data.dataInventory.registeredItems).toBeGreaterThan(1000);
    expect(data.dataInventory.linkedItems).toBe(data.dataInventory.registeredItems);
  });

  it('gives the report’s data platform volumes over 2021, above the printed 多 figures', async () => {
    const data = dataOf<{ dataFlows: { flow: keyof typeof CLOUD_FIGURES.flows; records: number }[] }>(
      await run(`{ dataFlows(from: "2021-01-01", to: "2021-12-31") { flow records } }`),
    );
    const byFlow = Object.fromEntries(data.dataFlows.map((f) => [f.flow, f.records]));
    expect(byFlow).toEqual(CLOUD_FIGURES.flows);
    // 1.4亿多, 7034万多, 4640多万, 295万多
    expect(byFlow.LOCAL_AGGREGATED).toBeGreaterThan(140_000_000);
    expect(byFlow.LOCAL_AGGREGATED).toBeLessThan(150_000_000);
    expect(byFlow.PROVINCE_RETURNED).toBeGreaterThan(70_340_000);
    expect(byFlow.PROVINCE_RETURNED).toBeLessThan(70_350_000);
    expect(byFlow.SHARED_TO_DEPARTMENTS).toBeGreaterThan(46_400_000);
    expect(byFlow.SHARED_TO_DEPARTMENTS).toBeLessThan(46_500_000);
    expect(byFlow.SHARED_TO_COUNTIES).toBeGreaterThan(2_950_000);
    expect(byFlow.SHARED_TO_COUNTIES).toBeLessThan(2_960_000);
  });

  it('holds a volume for every day of 2021 and every flow, busier on working days', async () => {
    const counts = await test.db
      .selectFrom('data_flow_daily')
      .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.min('day').as('first'), eb.fn.max('day').as('last')])
      .executeTakeFirstOrThrow();
    expect(counts).toEqual({ rows: 365 * 4, first: '2021-01-01', last: '2021-12-31' });
    const monday = await test.db.selectFrom('data_flow_daily').select('records')
      .where('day', '=', '2021-03-08').where('flow', '=', 'LOCAL_AGGREGATED').executeTakeFirstOrThrow();
    const sunday = await test.db.selectFrom('data_flow_daily').select('records')
      .where('day', '=', '2021-03-07').where('flow', '=', 'LOCAL_AGGREGATED').executeTakeFirstOrThrow();
    expect(monday.records).toBeGreaterThan(sunday.records);
  });

  it('references only department and item codes of the shared directory', async () => {
    const { departmentByCode, itemByCode } = directory();
    for (const table of ['business_systems', 'information_systems', 'data_catalogs', 'demand_catalogs'] as const) {
      const rows = await test.db.selectFrom(table).select('department_code').distinct().execute();
      expect(rows.filter((r) => !departmentByCode.has(r.department_code)), table).toEqual([]);
    }
    const items = await test.db.selectFrom('item_data_links').select('item_code').execute();
    expect(items.filter((r) => !itemByCode.has(r.item_code))).toEqual([]);
  });

  it('keeps the 2021 records within 2021', async () => {
    const outside = await sql<{ n: number }>`
      select (select count(*) from data_catalogs where registered_on not between '2021-01-01' and '2021-12-31')
           + (select count(*) from information_systems where registered_on not between '2021-01-01' and '2021-12-31')
           + (select count(*) from demand_catalogs where registered_on not between '2021-01-01' and '2021-12-31')
           + (select count(*) from experts where joined_on not between '2021-01-01' and '2021-12-31')
           + (select count(*) from item_data_links where linked_on not between '2021-01-01' and '2021-12-31') as n
    `.execute(test.db);
    expect(Number(outside.rows[0]!.n)).toBe(0);
  });
});
