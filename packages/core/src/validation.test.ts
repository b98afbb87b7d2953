import { describe, expect, it } from 'vitest';
import { Kysely, SqliteDialect, sql } from 'kysely';
import Database from 'better-sqlite3';
import { dialectOf } from './database.js';
import { assertDepartmentCode, assertRegionCode, containsText } from './validation.js';
import { directory } from './directory.js';

describe('validation', () => {
  it('knows directory codes and rejects others with BAD_USER_INPUT', () => {
    const dept = directory().departments[0]!.code;
    expect(assertDepartmentCode(dept)).toBe(dept);
    expect(() => assertDepartmentCode('91350100M000100Y43')).toThrowError(/no department/);
    expect(() => assertRegionCode("440800' or 1=1 --")).toThrowError(/no administrative division/);
  });

  it('matches LIKE wildcards and quotes literally', async () => {
    const db = new Kysely<{ t: { name: string } }>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
    await sql`create table t (name text)`.execute(db);
    await db.insertInto('t').values([{ name: '100% online' }, { name: '1000 online' }, { name: "o'brien_x" }, { name: 'obrienx' }]).execute();
    const find = async (text: string) =>
      (await db.selectFrom('t').select('name').where(containsText(dialectOf(db), 'name', text)).execute()).map((r) => r.name);
    expect(await find('100%')).toEqual(['100% online']);
    expect(await find("'brien_")).toEqual(["o'brien_x"]);
    // SQLite's LIKE reads its pattern up to a NUL: `%\0%` would have matched every row.
    expect(await find('\u0000')).toEqual([]);
    expect(await find('o\u0000')).toEqual([]);
    expect(() => containsText('sqlite', 'name', 'x'.repeat(101))).toThrowError(/at most 100/);
    await db.destroy();
  });
});
