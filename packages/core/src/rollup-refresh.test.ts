import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from './database.js';
import { clearPeriods, periodsAround, sumFinerGrain } from './rollup-refresh.js';

let db: Kysely<any>;
beforeAll(async () => {
  db = openDatabase<any>({ subgraph: 'hotline', file: ':memory:' }).db;
  await sql`create table r (grain text, period text, k text, n integer)`.execute(db);
  await db
    .insertInto('r')
    .values([
      { grain: 'DAY', period: '2021-01-31', k: 'a', n: 1 },
      { grain: 'DAY', period: '2021-02-01', k: 'a', n: 2 },
      { grain: 'DAY', period: '2021-02-28', k: 'a', n: 3 },
      { grain: 'DAY', period: '2021-02-28', k: 'b', n: 4 },
      { grain: 'DAY', period: '2022-03-01', k: 'a', n: 5 },
    ])
    .execute();
});
afterAll(async () => {
  await db.destroy();
});

const rows = (grain: string) =>
  db.selectFrom('r').select(['period', 'k', 'n']).where('grain', '=', grain).orderBy('period').orderBy('k').execute();

describe('rollup refresh', () => {
  it('names the days, months and years a refresh of some days recomputes', () => {
    expect(periodsAround({ from: '2021-02-10', to: '2021-03-05' })).toEqual([
      { grain: 'DAY', length: 10, from: '2021-02-10', to: '2021-03-05' },
      { grain: 'MONTH', length: 7, from: '2021-02', to: '2021-03' },
      { grain: 'YEAR', length: 4, from: '2021', to: '2021' },
    ]);
    expect(periodsAround().map((p) => [p.grain, p.from])).toEqual([
      ['DAY', undefined],
      ['MONTH', undefined],
      ['YEAR', undefined],
    ]);
  });

  it('sums months from days and years from months, only for the periods asked', async () => {
    const [, february, year2021] = periodsAround({ from: '2021-02-10', to: '2021-02-10' });
    await sumFinerGrain(db, 'r', { keys: ['k'], counts: ['n'] }, { ...february, grain: 'MONTH' });
    expect(await rows('MONTH')).toEqual([
      { period: '2021-02', k: 'a', n: 5 },
      { period: '2021-02', k: 'b', n: 4 },
    ]);
    await sumFinerGrain(db, 'r', { keys: ['k'], counts: ['n'] }, { ...periodsAround()[1], grain: 'MONTH' });
    await clearPeriods(db, 'r', february);
    await sumFinerGrain(db, 'r', { keys: ['k'], counts: ['n'] }, { ...february, grain: 'MONTH' });
    expect(await rows('MONTH')).toEqual([
      { period: '2021-01', k: 'a', n: 1 },
      { period: '2021-02', k: 'a', n: 5 },
      { period: '2021-02', k: 'b', n: 4 },
      { period: '2022-03', k: 'a', n: 5 },
    ]);
    await sumFinerGrain(db, 'r', { keys: ['k'], counts: ['n'] }, { ...year2021, grain: 'YEAR' });
    expect(await rows('YEAR')).toEqual([
      { period: '2021', k: 'a', n: 6 },
      { period: '2021', k: 'b', n: 4 },
    ]);
  });
});
