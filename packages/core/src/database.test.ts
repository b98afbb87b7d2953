import { describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { dialectOf, openDatabase, withStatementCache } from './database.js';

describe('dialectOf', () => {
  it('tells SQLite from PostgreSQL by the placeholders their compilers write', async () => {
    const { db } = openDatabase({ subgraph: 'hotline', file: ':memory:' });
    expect(dialectOf(db)).toBe('sqlite');
    await db.destroy();
    // Never connects: compiling needs no connection.
    const postgres = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });
    expect(dialectOf(postgres)).toBe('postgres');
    await postgres.destroy();
  });
});

describe('the SQLite statement cache', () => {
  it('prepares a statement once and reuses it, keeping only the most recently used', async () => {
    const Database = (await import('better-sqlite3')).default;
    const sqlite = new Database(':memory:');
    const prepares: string[] = [];
    const original = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((text: string) => {
      prepares.push(text);
      return original(text);
    }) as typeof sqlite.prepare;
    const cached = withStatementCache(sqlite, 2);
    cached.prepare('create table t (a)').run([]);
    cached.prepare('insert into t values (?)').run([1]);
    cached.prepare('insert into t values (?)').run([2]);
    expect(cached.prepare('select a from t order by a').all([])).toEqual([{ a: 1 }, { a: 2 }]);
    expect(prepares.filter((p) => p.startsWith('insert'))).toHaveLength(1);
    // Two kept: the insert (used before the select) is the least recent and goes first.
    cached.prepare('select count(*) as n from t').all([]);
    cached.prepare('insert into t values (?)').run([3]);
    expect(prepares.filter((p) => p.startsWith('insert'))).toHaveLength(2);
    // A kept statement follows the schema it reads.
    sqlite.exec('alter table t add column b default 0');
    expect(cached.prepare('select count(*) as n from t').all([])).toEqual([{ n: 3 }]);
    cached.close();
  });
});
