import { describe, expect, it } from 'vitest';
import { apportion, createRandom, exactFlags } from './seeding.js';

describe('seeding helpers', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = createRandom('x');
    const b = createRandom('x');
    const c = createRandom('y');
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('apportions an exact total', () => {
    const parts = apportion(9_243_000, [5, 3, 1, 1, 0.5]);
    expect(parts.reduce((s, p) => s + p, 0)).toBe(9_243_000);
    expect(parts[0]).toBeGreaterThan(parts[1]!);
    expect(apportion(7, [1, 1, 1])).toEqual([3, 2, 2]);
  });

  it('flags exactly the requested count', () => {
    const flags = exactFlags(1000, 973, createRandom(1));
    expect(flags.filter(Boolean)).toHaveLength(973);
    expect(() => exactFlags(3, 4, createRandom(1))).toThrow();
  });
});

describe('bulkInsert', () => {
  it('inserts every row, reusing the statement only for rows of the same shape', async () => {
    const { Kysely, SqliteDialect, sql } = await import('kysely');
    const Database = (await import('better-sqlite3')).default;
    const { bulkInsert } = await import('./seeding.js');
    const db = new Kysely<any>({
      dialect: new SqliteDialect({ database: new Database(':memory:') }),
    });
    await sql`create table t (id integer primary key, name text not null, note text)`.execute(db);
    // 3 columns → chunks of 10,666 rows: three full chunks and a partial one.
    const rows: Record<string, unknown>[] = Array.from({ length: 35_000 }, (_, i) => ({ id: i, name: `n${i}`, note: null }));
    // Rows of another shape in a later full chunk must still land with their own columns.
    rows[25_000] = { id: 25_000, name: 'n25000' };
    rows[25_001] = { name: 'n25001', id: 25_001, note: 'x' };
    await db.transaction().execute((trx) => bulkInsert(trx, 't', rows));
    const count = await db.selectFrom('t').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(35_000);
    const odd = await db.selectFrom('t').selectAll().where('id', 'in', [25_000, 25_001, 34_999]).orderBy('id').execute();
    expect(odd).toEqual([
      // Kysely writes NULL for a column a row lacks (SQLite has no DEFAULT in a VALUES list).
      { id: 25_000, name: 'n25000', note: null },
      { id: 25_001, name: 'n25001', note: 'x' },
      { id: 34_999, name: 'n34999', note: null },
    ]);
    await db.destroy();
  });
});
