import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openDatabase } from '../database.js';
import { planNewerVersions, planUpsert, upsertNewerVersions, writeUpsertPlan } from './versioned-upsert.js';

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
const write = (rows: ReturnType<typeof row>[]) => db.transaction().execute(async (trx) => (await upsertNewerVersions(trx, TABLE, rows)).counts);
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

  it('hands the caller the stored values it replaces, and never rolls back a newer row written meanwhile', async () => {
    await write([row('a', '2021-01-01', 1, 'v1'), row('b', '2021-01-01', 2, 'v1')]);
    const plan = await planNewerVersions(db, { ...TABLE, alsoRead: ['value'] }, [row('a', '2021-01-01', 5, 'v2'), row('b', '2021-01-01', 6, 'v2')]);
    expect(plan.updates.map((r) => plan.stored.get(plan.keyOf(r))!.value)).toEqual([1, 2]);
    // Another writer stores v3 of b after the plan was made: the plan's update of b loses.
    await db.updateTable('counters').set({ value: 7, version: 'v3' }).where('region', '=', 'b').execute();
    await db.transaction().execute((trx) => writeUpsertPlan(trx, TABLE, plan));
    expect((await stored()).map((r) => [r.region, r.value, r.version])).toEqual([['a', 5, 'v2'], ['b', 7, 'v3']]);
  });

  it('looks keys up in several statements when a batch is large', async () => {
    const batch = Array.from({ length: 1200 }, (_, i) => row(`r${i}`, '2021-01-01', i, 'v1'));
    expect(await write(batch)).toEqual({ inserted: 1200, updated: 0, unchanged: 0 });
    expect(await write(batch.map((r) => ({ ...r, version: 'v2' })))).toEqual({ inserted: 0, updated: 1200, unchanged: 0 });
  });
});

interface Rec {
  key: string;
  version: string;
}
const plan = (records: Rec[], stored: [string, string | null][]) =>
  planUpsert(records, (r) => r.key, (r) => r.version, new Map(stored));

describe('planUpsert', () => {
  it('inserts new keys, replaces older versions and leaves equal or newer ones', () => {
    const result = plan(
      [
        { key: 'new', version: '2021-01-01T00:00:00+08:00' },
        { key: 'older-stored', version: '2021-02-01T00:00:00+08:00' },
        { key: 'same', version: '2021-02-01T00:00:00+08:00' },
        { key: 'newer-stored', version: '2021-02-01T00:00:00+08:00' },
        { key: 'seeded', version: '2000-01-01T00:00:00+08:00' },
      ],
      [
        ['older-stored', '2021-01-15T00:00:00+08:00'],
        ['same', '2021-02-01T00:00:00+08:00'],
        ['newer-stored', '2021-03-01T00:00:00+08:00'],
        ['seeded', null],
      ],
    );
    expect(result.inserts.map((r) => r.key)).toEqual(['new']);
    expect(result.updates.map((r) => r.key)).toEqual(['older-stored', 'seeded']);
    expect(result.counts).toEqual({ inserted: 1, updated: 2, unchanged: 2 });
  });

  it('writes only the newest of a key that occurs twice in a batch, in either order', () => {
    const older = { key: 'k', version: '2021-01-01T00:00:00+08:00' };
    const newer = { key: 'k', version: '2021-01-02T00:00:00+08:00' };
    for (const batch of [[older, newer], [newer, older]]) {
      const result = plan(batch, []);
      expect(result.inserts).toEqual([newer]);
      expect(result.counts).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    }
  });

  it('takes the later of two records with the same version, as a later batch would', () => {
    const first = { key: 'k', version: '2021-01-01T00:00:00+08:00', line: 1 };
    const second = { key: 'k', version: '2021-01-01T00:00:00+08:00', line: 2 };
    expect(planUpsert([first, second], (r) => r.key, (r) => r.version, new Map()).inserts).toEqual([second]);
  });
});
