/**
 * A tiny import resource for the runner's tests: "things" with an owner (a credit code that must
 * be in the owners table) and a per-owner count kept by afterUpsert, like a subgraph's rollup.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { z } from 'zod';
import type { Kysely, Migration } from 'kysely';
import { openDatabase } from '../../database.js';
import { migrateToLatest } from '../../migrations.js';
import { governmentUscc } from '../../uscc.js';
import { importMigrations } from '../migrations.js';
import { creditCode, isoInstant, textField, trimmedCode } from '../normalise.js';
import type { ImportResource, UpsertCounts } from '../resource.js';
import type { ImportTables } from '../tables.js';
import { upsertNewerVersions } from '../versioned-upsert.js';

/** The test subgraph's tables, with the import tables its migrations add. */
export interface ThingsDatabase extends ImportTables {
  things: { id: string; name: string; owner: string; version: string };
  owners: { code: string };
  owner_counts: { owner: string; things: number };
}

export type TestDatabase = Kysely<ThingsDatabase>;

export const OWNER_A = governmentUscc('440802', 1);
export const OWNER_B = governmentUscc('440803', 2);
/** Well-formed, but not in the owners table. */
export const UNKNOWN_OWNER = governmentUscc('440804', 3);

export interface Thing {
  id: string;
  name: string;
  owner: string;
  version: string;
}

const thingsTables: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('things')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createTable('owners').addColumn('code', 'text', (c) => c.primaryKey()).execute();
    await db.schema
      .createTable('owner_counts')
      .addColumn('owner', 'text', (c) => c.primaryKey())
      .addColumn('things', 'integer', (c) => c.notNull())
      .execute();
  },
};

export async function thingsDatabase(file = ':memory:'): Promise<TestDatabase> {
  const { db } = openDatabase<ThingsDatabase>({ subgraph: 'things', file });
  await migrateToLatest(db, { '0001_things': thingsTables, ...importMigrations });
  await db.insertInto('owners').values([{ code: OWNER_A }, { code: OWNER_B }]).execute();
  return db;
}

const thingSchema = z
  .object({
    id: trimmedCode(/^T\d+$/, 'a thing id'),
    name: textField(100),
    owner: creditCode(),
    updatedAt: isoInstant(),
  })
  .transform((t) => ({ id: t.id, name: t.name, owner: t.owner, version: t.updatedAt }));

export const things: ImportResource<ThingsDatabase, Thing> = {
  name: 'things',
  restPath: '/api/things',
  pagination: 'cursor',
  schema: thingSchema,
  naturalKey: (t) => t.id,
  version: (t) => t.version,
  async checkReferences(db, records) {
    const known = new Set((await db.selectFrom('owners').select('code').execute()).map((o) => o.code));
    return records.flatMap((t, index) => (known.has(t.owner) ? [] : [{ index, reason: `unknown owner ${t.owner}` }]));
  },
  async upsert(trx, records): Promise<UpsertCounts> {
    return (await upsertNewerVersions(trx, { table: 'things', key: ['id'], version: 'version' }, records)).counts;
  },
  async afterUpsert(trx) {
    await trx.deleteFrom('owner_counts').execute();
    await trx
      .insertInto('owner_counts')
      .columns(['owner', 'things'])
      .expression((eb) => eb.selectFrom('things').select(['owner', eb.fn.countAll<number>().as('things')]).groupBy('owner'))
      .execute();
  },
};

/** The same resource, paged by number instead of cursor. */
export const pagedThings: ImportResource<ThingsDatabase, Thing> = { ...things, name: 'paged-things', restPath: '/api/paged-things', pagination: 'page' };

/** An upstream record of a thing. */
export function thing(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `T${n}`,
    name: `thing ${n}`,
    owner: n % 2 === 0 ? OWNER_A : OWNER_B,
    updatedAt: `2021-03-01T08:00:${String(n % 60).padStart(2, '0')}+08:00`,
    ...overrides,
  };
}

export const BASE_URL = 'http://upstream.test';

/** One msw server per test file; a request no handler expects fails the test. */
export const upstream = setupServer();

export function useUpstream(): void {
  beforeAll(() => upstream.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => upstream.resetHandlers());
  afterAll(() => upstream.close());
}

export { FAST_REST } from './upstream-api.js';

/** The database as the runner's helpers see it (Kysely's types are invariant in the tables). */
export const importView = (db: TestDatabase) => db as unknown as Kysely<ImportTables>;

export async function allThings(db: TestDatabase): Promise<Thing[]> {
  return db.selectFrom('things').selectAll().orderBy('id').execute();
}
