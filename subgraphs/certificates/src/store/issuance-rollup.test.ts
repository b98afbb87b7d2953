import { afterEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { bulkInsert, migrateToLatest, openDatabase } from '@govgraph/core';
import { D1, D2, FIXTURE, T1, T2, T3 } from '../__fixtures__/fixture.js';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';

let db: Kysely<Database>;
afterEach(() => db.destroy());

describe('migration 0003_issuance_rollup', () => {
  it('fills both rollups from the days a database already holds', async () => {
    db = openDatabase<Database>({ subgraph: 'certificates', file: ':memory:' }).db;
    const { '0003_issuance_rollup': _rollup, ...before } = migrations;
    await migrateToLatest(db, before);
    await bulkInsert(db, 'certificate_types', FIXTURE.certificateTypes);
    await bulkInsert(db, 'issuance_daily', FIXTURE.issuanceDaily);

    expect(await migrateToLatest(db, migrations)).toEqual(['0003_issuance_rollup']);

    // The fixture's days: T1 Jan 150, Feb 20, Apr 5; T2 Jun 7, Dec 3; T3 Mar 40, Jul 60, Dec 10.
    const keyed = await db.selectFrom('issuance_rollup').select(['grain', 'period', 'type_code', 'department_code', 'issued']).orderBy('grain').orderBy('type_code').orderBy('period').execute();
    expect(keyed).toEqual([
      { grain: 'MONTH', period: '2021-01', type_code: T1, department_code: D1, issued: 150 },
      { grain: 'MONTH', period: '2021-02', type_code: T1, department_code: D1, issued: 20 },
      { grain: 'MONTH', period: '2021-04', type_code: T1, department_code: D1, issued: 5 },
      { grain: 'MONTH', period: '2021-06', type_code: T2, department_code: D1, issued: 7 },
      { grain: 'MONTH', period: '2021-12', type_code: T2, department_code: D1, issued: 3 },
      { grain: 'MONTH', period: '2021-03', type_code: T3, department_code: D2, issued: 40 },
      { grain: 'MONTH', period: '2021-07', type_code: T3, department_code: D2, issued: 60 },
      { grain: 'MONTH', period: '2021-12', type_code: T3, department_code: D2, issued: 10 },
      { grain: 'YEAR', period: '2021', type_code: T1, department_code: D1, issued: 175 },
      { grain: 'YEAR', period: '2021', type_code: T2, department_code: D1, issued: 10 },
      { grain: 'YEAR', period: '2021', type_code: T3, department_code: D2, issued: 110 },
    ]);
    const totals = await db.selectFrom('issuance_total_rollup').select(['grain', 'period', 'issued']).orderBy('grain').orderBy('period').execute();
    expect(totals.filter((row) => row.grain === 'DAY')).toHaveLength(FIXTURE.issuanceDaily.length);
    expect(totals.filter((row) => row.grain !== 'DAY')).toEqual([
      { grain: 'MONTH', period: '2021-01', issued: 150 },
      { grain: 'MONTH', period: '2021-02', issued: 20 },
      { grain: 'MONTH', period: '2021-03', issued: 40 },
      { grain: 'MONTH', period: '2021-04', issued: 5 },
      { grain: 'MONTH', period: '2021-06', issued: 7 },
      { grain: 'MONTH', period: '2021-07', issued: 60 },
      { grain: 'MONTH', period: '2021-12', issued: 13 },
      { grain: 'YEAR', period: '2021', issued: 295 },
    ]);
  });
});
