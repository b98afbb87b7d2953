import { describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { dialectOf, openDatabase } from './database.js';

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
