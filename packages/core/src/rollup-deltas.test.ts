import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from './database.js';
import { addToRollup } from './rollup-deltas.js';

let db: Kysely<any>;
beforeEach(async () => {
  db = openDatabase<any>({ subgraph: 'hotline', file: ':memory:' }).db;
  await sql`create table r (grain text, period text, k text, n integer check (n >= 0), m integer check (m >= 0), primary key (grain, period, k))`.execute(db);
  await db
    .insertInto('r')
    .values([
      { grain: 'MONTH', period: '2021-02', k: 'a', n: 5, m: 1 },
      { grain: 'YEAR', period: '2021', k: 'a', n: 5, m: 1 },
    ])
    .execute();
});
afterEach(async () => {
  await db.destroy();
});

const rows = () => db.selectFrom('r').select(['grain', 'period', 'k', 'n', 'm']).orderBy('grain').orderBy('period').orderBy('k').execute();
const columns = { keys: ['k'], counts: ['n', 'm'] };

describe('addToRollup', () => {
  it('moves existing rows by the difference and creates the rows it lacks', async () => {
    await addToRollup(db, 'r', columns, ['MONTH', 'YEAR'], [
      { day: '2021-02-10', keys: ['a'], counts: [3, 0] },
      { day: '2021-03-01', keys: ['b'], counts: [2, 2] },
    ]);
    expect(await rows()).toEqual([
      { grain: 'MONTH', period: '2021-02', k: 'a', n: 8, m: 1 },
      { grain: 'MONTH', period: '2021-03', k: 'b', n: 2, m: 2 },
      { grain: 'YEAR', period: '2021', k: 'a', n: 8, m: 1 },
      { grain: 'YEAR', period: '2021', k: 'b', n: 2, m: 2 },
    ]);
  });

  it('sums several days of one period into one change of its row', async () => {
    await addToRollup(db, 'r', columns, ['DAY', 'MONTH'], [
      { day: '2021-02-10', keys: ['a'], counts: [1, 0] },
      { day: '2021-02-11', keys: ['a'], counts: [2, 0] },
      { day: '2021-02-11', keys: ['a'], counts: [-1, 1] },
    ]);
    expect(await rows()).toEqual([
      { grain: 'DAY', period: '2021-02-10', k: 'a', n: 1, m: 0 },
      { grain: 'DAY', period: '2021-02-11', k: 'a', n: 1, m: 1 },
      { grain: 'MONTH', period: '2021-02', k: 'a', n: 7, m: 2 },
      { grain: 'YEAR', period: '2021', k: 'a', n: 5, m: 1 },
    ]);
  });

  it('lowers a row by a negative difference, under a check that counts are never negative', async () => {
    await addToRollup(db, 'r', columns, ['MONTH'], [{ day: '2021-02-03', keys: ['a'], counts: [-2, 1] }]);
    expect(await rows()).toEqual([
      { grain: 'MONTH', period: '2021-02', k: 'a', n: 3, m: 2 },
      { grain: 'YEAR', period: '2021', k: 'a', n: 5, m: 1 },
    ]);
  });

  it('drops the rows a change brings to nothing, as a recompute would not write them', async () => {
    await addToRollup(db, 'r', columns, ['MONTH', 'YEAR'], [{ day: '2021-02-28', keys: ['a'], counts: [-5, -1] }]);
    expect(await rows()).toEqual([]);
  });

  it('leaves the table alone when the changes cancel out', async () => {
    await addToRollup(db, 'r', columns, ['MONTH', 'YEAR'], [
      { day: '2021-05-01', keys: ['c'], counts: [4, 0] },
      { day: '2021-05-02', keys: ['c'], counts: [-4, 0] },
    ]);
    expect(await rows()).toEqual([
      { grain: 'MONTH', period: '2021-02', k: 'a', n: 5, m: 1 },
      { grain: 'YEAR', period: '2021', k: 'a', n: 5, m: 1 },
    ]);
  });

  it('refuses a change that would take a count below zero, naming the row, and writes nothing of its slice', async () => {
    await expect(
      addToRollup(db, 'r', columns, ['MONTH'], [
        { day: '2021-02-03', keys: ['a'], counts: [1, 0] },
        { day: '2021-02-04', keys: ['z'], counts: [0, -1] },
      ]),
    ).rejects.toThrow(/"z"\]: m would fall to -1; the rollup is out of step/);
    expect(await rows()).toEqual([
      { grain: 'MONTH', period: '2021-02', k: 'a', n: 5, m: 1 },
      { grain: 'YEAR', period: '2021', k: 'a', n: 5, m: 1 },
    ]);
  });

  it('raises, lowers, creates and empties rows across many statements in one call', async () => {
    const fresh = Array.from({ length: 1_200 }, (_, i) => ({ day: `2021-03-${String((i % 28) + 1).padStart(2, '0')}`, keys: [`k${i}`], counts: [1, 0] }));
    await addToRollup(db, 'r', columns, ['MONTH'], [...fresh, { day: '2021-02-01', keys: ['a'], counts: [-5, -1] }]);
    const after = await rows();
    expect(after.filter((row) => row.period === '2021-03')).toHaveLength(1_200);
    expect(after.find((row) => row.grain === 'MONTH' && row.k === 'a')).toBeUndefined();
    await addToRollup(db, 'r', columns, ['MONTH'], fresh.map((change) => ({ ...change, counts: [-1, 0] })));
    expect((await rows()).filter((row) => row.grain === 'MONTH')).toEqual([]);
  });
});
