/**
 * Application figures read from the rollup must be exactly what counting the applications gives:
 * 3,000 random applications from December 2020 to January 2022, every filter the schema allows,
 * over whole years, whole months and ranges that start or end mid-month; and again after an
 * import changed some of them and refreshed only the days it touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Insertable, Kysely } from 'kysely';
import { createRandom, migrateToLatest, openDatabase } from '@govgraph/core';
import { ITEMS, insertFixture } from '../test-support.js';
import { refreshApplicationRollup } from './application-rollup.js';
import { applicationCounts, applicationCountsByDepartment, applicationNumber, type ApplicationCounts, type ApplicationQuery } from './applications.js';
import { migrations } from './migrations.js';
import type { ApplicationChannel, ApplicationTable, Database } from './schema.js';

let db: Kysely<Database>;
const queries: string[] = [];
const CHANNELS: ApplicationChannel[] = ['HALL', 'ONLINE', 'KIOSK'];

function randomApplications(count: number): Insertable<ApplicationTable>[] {
  const random = createRandom('service-items-applications-test');
  const start = Date.UTC(2020, 11, 1);
  const span = Date.UTC(2022, 1, 1) - start;
  return Array.from({ length: count }, (_, i) => {
    const item = random.pick(ITEMS);
    const submitted = start + Math.floor(random.next() * span);
    const completed = random.next() < 0.9;
    return {
      id: 1_000 + i,
      number: applicationNumber(1_000 + i),
      item_code: item.code,
      department_code: item.department_code,
      channel: random.pick(CHANNELS),
      submitted_at: `${new Date(submitted).toISOString().slice(0, 19)}+08:00`,
      completed_at: completed ? `${new Date(submitted + 3_600_000).toISOString().slice(0, 19)}+08:00` : null,
      rating: completed && random.next() < 0.6 ? random.int(1, 5) : null,
    };
  });
}

/** The reference: the applications counted one by one. */
async function counted(q: ApplicationQuery): Promise<ApplicationCounts> {
  const rows = await db.selectFrom('applications').selectAll().execute();
  const matching = rows.filter(
    (r) =>
      r.submitted_at.slice(0, 10) >= q.from &&
      r.submitted_at.slice(0, 10) <= q.to &&
      (q.departmentCode == null || r.department_code === q.departmentCode) &&
      (q.itemCode == null || r.item_code === q.itemCode) &&
      (q.channel == null || r.channel === q.channel),
  );
  return {
    handled: matching.length,
    completed: matching.filter((r) => r.completed_at !== null).length,
    rated: matching.filter((r) => r.rating !== null).length,
    satisfied: matching.filter((r) => r.rating !== null && r.rating >= 3).length,
  };
}

beforeAll(async () => {
  db = openDatabase<Database>({
    subgraph: 'service-items',
    file: ':memory:',
    onQuery: (e) => e.level === 'query' && queries.push(e.query.sql),
  }).db;
  await migrateToLatest(db, migrations);
  await insertFixture(db);
  await db.insertInto('applications').values(randomApplications(3_000)).execute();
  await refreshApplicationRollup(db);
});
afterAll(async () => {
  await db.destroy();
});

const RANGES = [
  { from: '2021-01-01', to: '2021-12-31' },
  { from: '2020-12-01', to: '2022-01-31' },
  { from: '2021-03-01', to: '2021-03-31' },
  { from: '2021-01-15', to: '2021-12-15' },
  { from: '2020-12-20', to: '2021-02-10' },
  { from: '2021-06-07', to: '2021-06-07' },
];
const departments = [...new Set(ITEMS.map((i) => i.department_code))];
const FILTERS: Omit<ApplicationQuery, 'from' | 'to'>[] = [
  {},
  { departmentCode: departments[0] },
  { channel: 'ONLINE' },
  { departmentCode: departments[1], channel: 'HALL' },
  { itemCode: ITEMS[0]!.code },
  { itemCode: ITEMS[1]!.code, channel: 'KIOSK' },
];

describe('application figures from the rollup', () => {
  it.each(RANGES.flatMap((range) => FILTERS.map((filter) => [JSON.stringify({ ...range, ...filter })])))(
    'equal the applications counted one by one for %s',
    async (text) => {
      const q: ApplicationQuery = JSON.parse(text);
      const expected = await counted(q);
      // A single day with two filters may hold nothing; every longer range holds applications.
      if (q.from !== q.to) expect(expected.handled).toBeGreaterThan(0);
      expect(await applicationCounts(db, q)).toEqual(expected);
    },
  );

  it('read the rollup, not the applications, unless an item is asked for', async () => {
    queries.length = 0;
    await applicationCounts(db, { ...RANGES[0]!, channel: 'ONLINE' });
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatch(/from "application_rollup"/);
    expect(queries[0]).not.toMatch(/from "applications"/);
    queries.length = 0;
    await applicationCounts(db, { ...RANGES[0]!, itemCode: ITEMS[0]!.code });
    expect(queries[0]).toMatch(/from "applications"/);
  });

  it('answer many departments in one statement', async () => {
    for (const range of RANGES) {
      queries.length = 0;
      const byDepartment = await applicationCountsByDepartment(db, departments, range.from, range.to);
      expect(queries).toHaveLength(1);
      for (const departmentCode of departments) {
        const row = byDepartment.find((r) => r.department_code === departmentCode);
        const expected = await counted({ ...range, departmentCode });
        expect(row ? { handled: row.handled, completed: row.completed, rated: row.rated, satisfied: row.satisfied } : undefined).toEqual(
          expected.handled > 0 ? expected : undefined,
        );
      }
    }
  });

  it('follow an import that refreshes only the days it touched', async () => {
    // Completed and rated later, and a new application: all on 2021-06-07.
    const day = '2021-06-07';
    await db
      .updateTable('applications')
      .set({ completed_at: `${day}T18:00:00+08:00`, rating: 2 })
      .where('submitted_at', '>=', day)
      .where('submitted_at', '<', '2021-06-08')
      .execute();
    await db
      .insertInto('applications')
      .values({ id: 99_999, number: applicationNumber(99_999), item_code: ITEMS[0]!.code, department_code: ITEMS[0]!.department_code, channel: 'KIOSK', submitted_at: `${day}T09:00:00+08:00`, completed_at: null, rating: null })
      .execute();
    await refreshApplicationRollup(db, { from: day, to: day });
    for (const range of RANGES) {
      for (const filter of FILTERS) expect(await applicationCounts(db, { ...range, ...filter })).toEqual(await counted({ ...range, ...filter }));
    }
  });
});
