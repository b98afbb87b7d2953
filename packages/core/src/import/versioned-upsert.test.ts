import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase } from '../database.js';
import { upsertNewerVersions } from './versioned-upsert.js';

interface Counters {
  counters: { region: string; day: string; value: number; version: string | null };
}

const TABLE = { table: 'counters', key: ['region', 'day'], version: 'version' } as const;
let db: Kysely<Counters>;

beforeEach(async () => {
  db = openDatabase<Counters>({ subgraph: 'test', file: ':memory:' }).db;
  await db.schema
    .createTable('counters')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('version', 'text')
    .addPrimaryKeyConstraint('counters_pk', ['region', 'day'])
    .execute();
});
afterEach(() => db.destroy());

const row = (region: string, day: string, value: number, version: string | null) => ({ region, day, value, version });
const write = (rows: ReturnType<typeof row>[]) => db.transaction().execute((trx) => upsertNewerVersions(trx, TABLE, rows));
const stored = () => db.selectFrom('counters').selectAll().orderBy('region').orderBy('day').execute();

describe('upsertNewerVersions', () => {
  it('inserts new keys and leaves everything alone the second time', async () => {
    const batch = [row('a', '2021-01-01', 1, 'v1'), row('a', '2021-01-02', 2, 'v1'), row('b', '2021-01-01', 3, 'v1')];
    expect(await write(batch)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(await write(batch)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    expect(await stored()).toEqual(batch);
  });

  it('replaces a row only with a newer version', async () => {
    await write([row('a', '2021-01-01', 1, '2021-03-04T08:00:00+08:00')]);
    expect(await write([row('a', '2021-01-01', 9, '2021-03-04T07:00:00+08:00')])).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await stored())[0]!.value).toBe(1);
    expect(await write([row('a', '2021-01-01', 5, '2021-03-04T09:00:00+08:00')])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await stored()).toEqual([row('a', '2021-01-01', 5, '2021-03-04T09:00:00+08:00')]);
  });

  it('treats a stored row without a version (seeded) as older than any import', async () => {
    await db.insertInto('counters').values(row('a', '2021-01-01', 1, null)).execute();
    expect(await write([row('a', '2021-01-01', 2, 'v1')])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
  });

  it('keeps the newer of two versions of one key in the same batch, whatever their order', async () => {
    const counts = await write([row('a', '2021-01-01', 2, 'v2'), row('a', '2021-01-01', 1, 'v1')]);
    expect(counts).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect(await stored()).toEqual([row('a', '2021-01-01', 2, 'v2')]);
  });

  it('looks keys up in several statements when a batch is large', async () => {
    const batch = Array.from({ length: 1200 }, (_, i) => row(`r${i}`, '2021-01-01', i, 'v1'));
    expect(await write(batch)).toEqual({ inserted: 1200, updated: 0, unchanged: 0 });
    expect(await write(batch.map((r) => ({ ...r, version: 'v2' })))).toEqual({ inserted: 0, updated: 1200, unchanged: 0 });
  });
});
