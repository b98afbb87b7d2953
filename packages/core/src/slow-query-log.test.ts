import { afterEach, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from './database.js';
import { DEFAULT_SLOW_QUERY_MS, describeSql, slowQueryLogger, slowQueryThreshold } from './slow-query-log.js';

let db: Kysely<any> | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/** An in-memory database whose statements go through the slow-query log at `thresholdMs`. */
function databaseLogging(thresholdMs: number, lines: string[]): Kysely<any> {
  db = openDatabase<any>({ subgraph: 'hotline', file: ':memory:', onQuery: slowQueryLogger(thresholdMs, (m) => lines.push(m)) }).db;
  return db;
}

describe('slow-query log', () => {
  it('writes each statement at or over the threshold once, with its duration and SQL', async () => {
    const lines: string[] = [];
    const db = databaseLogging(0, lines);
    await sql`create table t (phone text)`.execute(db);
    await db.insertInto('t').values({ phone: '13800001234' }).execute();
    await db.selectFrom('t').selectAll().where('phone', '=', '13900005678').execute();
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^slow query \d+\.\d ms: select \* from "t" where "phone" = \?$/);
  });

  it('never writes parameters', async () => {
    const lines: string[] = [];
    const db = databaseLogging(0, lines);
    await sql`create table t (phone text)`.execute(db);
    await db.insertInto('t').values({ phone: '13800001234' }).execute();
    expect(lines.join('\n')).not.toContain('13800001234');
  });

  it('stays quiet below the threshold', async () => {
    const lines: string[] = [];
    const db = databaseLogging(60_000, lines);
    await sql`select 1`.execute(db);
    expect(lines).toEqual([]);
  });

  it('marks a failed statement as such', async () => {
    const lines: string[] = [];
    const db = databaseLogging(0, lines);
    await expect(sql`select * from missing_table`.execute(db)).rejects.toThrow();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^slow query \d+\.\d ms \(failed\): select \* from missing_table$/);
  });

  it('shortens placeholder lists and puts a statement on one line', () => {
    expect(describeSql('select *\n  from t\n  where code in (?, ?, ?, ?) and x = ?')).toBe(
      'select * from t where code in (…4 parameters) and x = ?',
    );
    expect(describeSql('select * from t where code in ($1, $2, $3) and x = $4')).toBe(
      'select * from t where code in (…3 parameters) and x = $4',
    );
  });

  it('reads its threshold from GOVGRAPH_SLOW_QUERY_MS', () => {
    expect(slowQueryThreshold(undefined)).toBe(DEFAULT_SLOW_QUERY_MS);
    expect(slowQueryThreshold('')).toBe(DEFAULT_SLOW_QUERY_MS);
    expect(slowQueryThreshold('0')).toBe(0);
    expect(slowQueryThreshold('12.5')).toBe(12.5);
    expect(slowQueryThreshold('off')).toBeNull();
    expect(() => slowQueryThreshold('-1')).toThrow(/GOVGRAPH_SLOW_QUERY_MS/);
    expect(() => slowQueryThreshold('fast')).toThrow(/GOVGRAPH_SLOW_QUERY_MS/);
  });
});
