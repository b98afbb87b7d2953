import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { directory, migrateToLatest, openDatabase } from '@govgraph/core';
import { applicationNumber } from './applications.js';
import { migrations } from './migrations.js';

let db: Kysely<any> | undefined;
afterEach(async () => {
  await db?.destroy();
});

describe('migration 0003 (import identity)', () => {
  it('numbers applications seeded before it exactly as the seed now numbers them', async () => {
    ({ db } = openDatabase<any>({ subgraph: 'service-items', file: ':memory:' }));
    await migrateToLatest(db, { '0001_init': migrations['0001_init']! });
    const dir = directory();
    const item = dir.items[0]!;
    const department = dir.departmentByCode.get(item.departmentCode)!;
    await db.insertInto('regions').values({ code: '440800', name: '湛江市', level: 'CITY', parent_code: null, platform_since: null }).execute();
    if (department.regionCode !== '440800') {
      await db.insertInto('regions').values({ code: department.regionCode, name: '区', level: 'COUNTY', parent_code: '440800', platform_since: null }).execute();
    }
    await db
      .insertInto('departments')
      .values({
        code: department.code,
        name: department.name,
        short_name: department.shortName,
        level: department.level,
        region_code: department.regionCode,
        stationed_in_center: 0,
      })
      .execute();
    const flags = { application_based: 1, online_available: 1, instant: 0, one_window_acceptance: 1, stationed_in_hall: 1, stationed_in_center: 1, platform_approvable: 1 };
    await db
      .insertInto('service_items')
      .values({
        code: item.code,
        name: item.name,
        kind: item.kind,
        department_code: department.code,
        level: item.level,
        region_code: item.regionCode,
        statutory_days: 20,
        promised_days: 5,
        required_visits: 0,
        effective_from: '2020-01-01',
        ...flags,
      })
      .execute();
    const application = (id: number) => ({
      id,
      item_code: item.code,
      department_code: department.code,
      channel: 'HALL',
      submitted_at: '2021-01-04T09:00:00+08:00',
      completed_at: null,
      rating: null,
    });
    await db.insertInto('applications').values([application(1), application(42), application(531_842)]).execute();

    await migrateToLatest(db, migrations);

    const rows = await db.selectFrom('applications').select(['id', 'number', 'upstream_updated_at']).orderBy('id').execute();
    expect(rows).toEqual([1, 42, 531_842].map((id) => ({ id, number: applicationNumber(id), upstream_updated_at: null })));
    expect(applicationNumber(42)).toBe('ZJBJ0000000042');
    // Numbers are unique: a second application with number 42's number is refused.
    await expect(db.insertInto('applications').values({ ...application(43), number: applicationNumber(42) }).execute()).rejects.toThrow(/UNIQUE/);
  });
});
