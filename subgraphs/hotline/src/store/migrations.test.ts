/**
 * A database seeded before dataset 2021.2 is brought up to date by migration 0003; from then on
 * the start must take it as 2021.2 (no "delete it to re-seed" warning), while a new database is
 * still seeded on its first start. Both through the real boot path (openSubgraphDatabase).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openSubgraphDatabase } from '@govgraph/core';
import { fixtureOrders } from '../testing/fixture.js';
import { migrations } from './migrations.js';
import type { Database } from './schema.js';
import { HOTLINE_DATASET_VERSION } from './seed.js';

const dir = mkdtempSync(path.join(tmpdir(), 'govgraph-hotline-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations a database seeded with dataset 2021.1 had run. */
const BEFORE_2021_2 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0003'));

async function open(file: string, definition: { migrations: typeof migrations; datasetVersion: string; seed: (db: Kysely<Database>) => Promise<void> }) {
  const messages: string[] = [];
  const opened = await openSubgraphDatabase<Database>({ name: 'hotline', ...definition }, { file, log: (m) => messages.push(m) });
  return { ...opened, messages };
}

const seededMarkers = (db: Kysely<Database>) =>
  (db as unknown as Kysely<{ govgraph_seed: { dataset: string } }>).selectFrom('govgraph_seed').select('dataset').execute();

const noSeed = async () => {
  throw new Error('an existing database must not be seeded again');
};

describe('a database seeded with dataset 2021.1', () => {
  it('counts as 2021.2 once migration 0003 has brought it up to date, and starts without the re-seed warning', async () => {
    const file = path.join(dir, 'old', 'hotline.sqlite');
    const old = await open(file, {
      migrations: BEFORE_2021_2,
      datasetVersion: '2021.1',
      seed: async (db) => {
        await db.insertInto('work_orders').values(fixtureOrders()).execute();
      },
    });
    expect(old.messages).toEqual([expect.stringMatching(/^seeded dataset 2021\.1 in /)]);
    await old.db.destroy();

    const upgraded = await open(file, { migrations, datasetVersion: HOTLINE_DATASET_VERSION, seed: noSeed });
    expect(upgraded.migrated).toEqual(expect.arrayContaining(['0003_handling_histogram', '0004_dataset_upgraded_by_0003']));
    expect(upgraded.messages.filter((m) => m.includes('re-seed'))).toEqual([]);
    expect(await seededMarkers(upgraded.db)).toEqual([{ dataset: HOTLINE_DATASET_VERSION }]);
    // What 0003 derived from the old orders is there: the year's histogram of the fixture's orders.
    const year = await upgraded.db.selectFrom('work_order_handling').select('completed').where('dimension', '=', 'ALL').where('grain', '=', 'YEAR').executeTakeFirstOrThrow();
    expect(year.completed).toBe(6);
    await upgraded.db.destroy();
  });

  it('already migrated by 0003 before the upgrade was recorded: recorded by the next start', async () => {
    const file = path.join(dir, 'migrated-earlier', 'hotline.sqlite');
    const seed = async (db: Kysely<Database>) => {
      await db.insertInto('work_orders').values(fixtureOrders()).execute();
    };
    const old = await open(file, { migrations: BEFORE_2021_2, datasetVersion: '2021.1', seed });
    await old.db.destroy();
    const withoutRecord = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== '0004_dataset_upgraded_by_0003'));
    const earlier = await open(file, { migrations: withoutRecord, datasetVersion: HOTLINE_DATASET_VERSION, seed: noSeed });
    // As such databases started until now.
    expect(earlier.messages).toEqual(['database holds dataset 2021.1, not 2021.2: delete it to re-seed']);
    await earlier.db.destroy();

    const now = await open(file, { migrations, datasetVersion: HOTLINE_DATASET_VERSION, seed: noSeed });
    expect(now.migrated).toEqual(['0004_dataset_upgraded_by_0003']);
    expect(now.messages).toEqual([]);
    expect(await seededMarkers(now.db)).toEqual([{ dataset: HOTLINE_DATASET_VERSION }]);
    await now.db.destroy();
  });
});

describe('a new database', () => {
  it('is still seeded on its first start: the migration marks no database it has not seen seeded', async () => {
    const file = path.join(dir, 'new', 'hotline.sqlite');
    let seeded = 0;
    const fresh = await open(file, {
      migrations,
      datasetVersion: HOTLINE_DATASET_VERSION,
      seed: async () => {
        seeded++;
      },
    });
    expect(seeded).toBe(1);
    expect(await seededMarkers(fresh.db)).toEqual([{ dataset: HOTLINE_DATASET_VERSION }]);
    await fresh.db.destroy();
  });
});
