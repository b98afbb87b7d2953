import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf, importMigrations, recordDatasetUpgrade } from '@govgraph/core';
import { refreshRollup } from './rollup.js';

/** A CHECK that an enum column holds one of its GraphQL values (literals: DDL takes no parameters). */
function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

const init: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('work_orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull().check(oneOf('channel', ['PHONE', 'WEB', 'WECHAT', 'APP', 'MAIL'])))
      .addColumn('category', 'text', (c) =>
        c.notNull().check(oneOf('category', ['CONSULTATION', 'COMPLAINT', 'HELP', 'SUGGESTION', 'REPORT'])),
      )
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('county_code', 'text', (c) => c.notNull())
      .addColumn('township_code', 'text', (c) => c.notNull())
      .addColumn('disposition', 'text', (c) => c.notNull().check(oneOf('disposition', ['DIRECT_REPLY', 'DISPATCHED'])))
      .addColumn('department_code', 'text')
      .addColumn('item_code', 'text')
      .addColumn('replied_at', 'text')
      .addColumn('completed_at', 'text')
      .addColumn('handling_minutes', 'integer', (c) => c.check(sql`handling_minutes >= 0`))
      .addColumn('rating', 'text', (c) => c.check(oneOf('rating', ['SATISFIED', 'BASIC', 'DISSATISFIED'])))
      .addColumn('caller_name', 'text', (c) => c.notNull())
      .addColumn('caller_phone', 'text', (c) => c.notNull())
      // Statistics count `department_code` as "dispatched" and `handling_minutes` as "completed".
      .addCheckConstraint(
        'work_orders_department_iff_dispatched',
        sql`(disposition = 'DISPATCHED') = (department_code is not null)`,
      )
      .addCheckConstraint('work_orders_minutes_iff_completed', sql`(completed_at is null) = (handling_minutes is null)`)
      .execute();
    for (const index of INDEXES_0001) await createWorkOrderIndex(db, index);

    await db.schema
      .createTable('work_order_rollup')
      .addColumn('dimension', 'text', (c) =>
        c.notNull().check(oneOf('dimension', ['ALL', 'COUNTY', 'TOWNSHIP', 'DEPARTMENT', 'CATEGORY', 'CHANNEL'])),
      )
      .addColumn('grain', 'text', (c) => c.notNull().check(oneOf('grain', ['DAY', 'MONTH'])))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('received', 'integer', (c) => c.notNull())
      .addColumn('direct_replies', 'integer', (c) => c.notNull())
      .addColumn('replied', 'integer', (c) => c.notNull())
      .addColumn('completed', 'integer', (c) => c.notNull())
      .addColumn('rated', 'integer', (c) => c.notNull())
      .addColumn('satisfied', 'integer', (c) => c.notNull())
      // Serves both lookups: some keys' periods, and a whole dimension in key order.
      .addPrimaryKeyConstraint('work_order_rollup_pk', ['dimension', 'grain', 'key', 'period'])
      .execute();

    await db.schema
      .createTable('merged_hotlines')
      .addColumn('number', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('department_code', 'text', (c) => c.notNull())
      .addColumn('merged_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('merged_hotlines_department').on('merged_hotlines').column('department_code').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('merged_hotlines').execute();
    await db.schema.dropTable('work_order_rollup').execute();
    await db.schema.dropTable('work_orders').execute();
  },
};

export interface IndexDefinition {
  name: string;
  columns: readonly string[];
  /** A partial index over the rows where this column is set. */
  whereSet?: string;
}

/**
 * The secondary indexes of work_orders as 0001_init created them (kept as they were: a migration
 * never changes once applied).
 *
 * Every statistic counts orders per (group key, handling_minutes) over a receipt range, so one
 * covering index leads with handling_minutes and carries every column a statistic reads: the
 * whole-set statistic streams through it already grouped, with no sort and no table access, and
 * a short range is a skip-scan over its few thousand distinct minute values. Selective filters
 * (division, department, item) have their own narrow indexes; region_code serves every level of
 * division as a range, because division codes extend their parent's code.
 */
const INDEXES_0001: readonly IndexDefinition[] = [
  {
    name: 'work_orders_statistics',
    columns: [
      'handling_minutes',
      'received_at',
      'county_code',
      'township_code',
      'category',
      'channel',
      'department_code',
      'disposition',
      'rating',
      'replied_at',
    ],
  },
  // The newest-first list walks this backwards and stops after one page.
  { name: 'work_orders_received', columns: ['received_at', 'id'] },
  // Single columns on purpose: a trailing received_at would invite the planner to skip-scan these
  // (with a table lookup per order) for plain date ranges instead of using the covering index.
  { name: 'work_orders_region', columns: ['region_code'] },
  { name: 'work_orders_department', columns: ['department_code'], whereSet: 'department_code' },
  { name: 'work_orders_item', columns: ['item_code'], whereSet: 'item_code' },
];

export async function createWorkOrderIndex(db: Kysely<any>, index: IndexDefinition): Promise<void> {
  let builder = db.schema.createIndex(index.name).on('work_orders').columns([...index.columns]);
  if (index.whereSet) builder = builder.where(sql.ref(index.whereSet), 'is not', null);
  await builder.execute();
}

/**
 * Medians per department: once the histogram names the bucket of minutes that holds a
 * department's median, the exact minute is the n-th of that department's orders in the bucket,
 * read in minute order from this index with the receipt range checked inside it. It leads with
 * department_code, so it also serves every lookup the narrower work_orders_department did.
 */
const DEPARTMENT_MINUTES: IndexDefinition = {
  name: 'work_orders_department_minutes',
  columns: ['department_code', 'handling_minutes', 'received_at'],
  whereSet: 'department_code',
};

/**
 * An item's statistics (the catalogue's ServiceItem.hotlineStatistics, a batch of items at a
 * time) are counted from its orders: this index carries every column they read, so they never
 * touch the table. It replaces work_orders_item, which it extends.
 */
const ITEM_STATISTICS: IndexDefinition = {
  name: 'work_orders_item_statistics',
  columns: ['item_code', 'received_at', 'handling_minutes', 'disposition', 'rating', 'replied_at'],
  whereSet: 'item_code',
};

const REPLACED_BY_0003 = ['work_orders_department', 'work_orders_item'];

/**
 * The secondary indexes of work_orders as the latest migration leaves them: the seed drops these
 * for its bulk load and rebuilds them after it.
 */
export const WORK_ORDER_INDEXES: readonly IndexDefinition[] = [
  ...INDEXES_0001.filter((index) => !REPLACED_BY_0003.includes(index.name)),
  DEPARTMENT_MINUTES,
  ITEM_STATISTICS,
];

/**
 * Year rows in the rollup, the handling-time histogram and the medians derived from it (schema.ts,
 * rollup.ts, handling-histogram.ts): a full-year statistic then reads one row per group for its
 * counts and one for its median, instead of 12 rows, or every order. A database seeded before
 * gets them filled from its orders here. Two indexes of work_orders are widened for what is still
 * read from the orders (a median's bucket per department, an item's statistics).
 */
const handlingHistogram: Migration = {
  async up(db: Kysely<any>) {
    const sqlite = dialectOf(db) === 'sqlite';
    // The rollup gains YEAR rows (a full year is then one row per key). A CHECK cannot be changed
    // in place on SQLite, so the table is rebuilt; its rows stay, and the YEAR rows are added by
    // the refresh below. On SQLite its rows now live in its primary key's b-tree.
    await db.schema
      .createTable('work_order_rollup_next')
      .addColumn('dimension', 'text', (c) =>
        c.notNull().check(oneOf('dimension', ['ALL', 'COUNTY', 'TOWNSHIP', 'DEPARTMENT', 'CATEGORY', 'CHANNEL'])),
      )
      .addColumn('grain', 'text', (c) => c.notNull().check(oneOf('grain', ['DAY', 'MONTH', 'YEAR'])))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('received', 'integer', (c) => c.notNull())
      .addColumn('direct_replies', 'integer', (c) => c.notNull())
      .addColumn('replied', 'integer', (c) => c.notNull())
      .addColumn('completed', 'integer', (c) => c.notNull())
      .addColumn('rated', 'integer', (c) => c.notNull())
      .addColumn('satisfied', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('work_order_rollup_key', ['dimension', 'grain', 'key', 'period'])
      .$call((table) => (sqlite ? table.modifyEnd(sql`without rowid`) : table))
      .execute();
    const columns = ['dimension', 'grain', 'key', 'period', 'received', 'direct_replies', 'replied', 'completed', 'rated', 'satisfied'];
    await db
      .insertInto('work_order_rollup_next')
      .columns(columns)
      .expression(db.selectFrom('work_order_rollup').select(columns))
      .execute();
    await db.schema.dropTable('work_order_rollup').execute();
    await db.schema.alterTable('work_order_rollup_next').renameTo('work_order_rollup').execute();

    await db.schema
      .createTable('work_order_handling')
      .addColumn('dimension', 'text', (c) =>
        c.notNull().check(oneOf('dimension', ['ALL', 'COUNTY', 'TOWNSHIP', 'DEPARTMENT', 'CATEGORY', 'CHANNEL'])),
      )
      .addColumn('grain', 'text', (c) => c.notNull().check(oneOf('grain', ['DAY', 'MONTH', 'YEAR'])))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('bucket', 'integer', (c) => c.notNull().check(sql`bucket >= 0`))
      .addColumn('orders', 'integer', (c) => c.notNull().check(sql`orders > 0`))
      .addColumn('orders_below', 'integer', (c) => c.notNull())
      .addColumn('completed', 'integer', (c) => c.notNull())
      // Period before key: one period's keys are one contiguous range, each key's buckets in order.
      .addPrimaryKeyConstraint('work_order_handling_pk', ['dimension', 'grain', 'period', 'key', 'bucket'])
      // On SQLite the rows live in the primary key's b-tree, so a median reads no second structure.
      .$call((table) => (sqlite ? table.modifyEnd(sql`without rowid`) : table))
      .execute();
    await db.schema
      .createTable('work_order_medians')
      .addColumn('dimension', 'text', (c) =>
        c.notNull().check(oneOf('dimension', ['ALL', 'COUNTY', 'TOWNSHIP', 'DEPARTMENT', 'CATEGORY', 'CHANNEL'])),
      )
      .addColumn('grain', 'text', (c) => c.notNull().check(oneOf('grain', ['DAY', 'MONTH', 'YEAR'])))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('median_minutes', 'integer', (c) => c.notNull().check(sql`median_minutes >= 0`))
      .addPrimaryKeyConstraint('work_order_medians_pk', ['dimension', 'grain', 'period', 'key'])
      .$call((table) => (sqlite ? table.modifyEnd(sql`without rowid`) : table))
      .execute();
    for (const name of REPLACED_BY_0003) await db.schema.dropIndex(name).execute();
    await createWorkOrderIndex(db, DEPARTMENT_MINUTES);
    await createWorkOrderIndex(db, ITEM_STATISTICS);
    // A database seeded before this migration: its YEAR rows, histogram and medians, from its orders.
    await refreshRollup(db);
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex(DEPARTMENT_MINUTES.name).execute();
    await db.schema.dropIndex(ITEM_STATISTICS.name).execute();
    for (const index of INDEXES_0001) if (REPLACED_BY_0003.includes(index.name)) await createWorkOrderIndex(db, index);
    await db.schema.dropTable('work_order_medians').execute();
    await db.schema.dropTable('work_order_handling').execute();
    await db.deleteFrom('work_order_rollup').where('grain', '=', 'YEAR').execute();
  },
};

/** The upstream version of each order, which the importer compares (newest wins). */
const workOrderVersion: Migration = {
  async up(db: Kysely<any>) {
    // Nullable, so adding it to 652,000 seeded orders rewrites nothing.
    await db.schema.alterTable('work_orders').addColumn('updated_at', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('work_orders').dropColumn('updated_at').execute();
  },
};

/**
 * Dataset 2021.2 is 2021.1's orders with the histogram and medians, which 0003 derives from the
 * orders: a database seeded with 2021.1 holds 2021.2 once 0003 has run, and says so from here on,
 * so the start no longer asks for a re-seed it does not need. A migration of its own after 0003
 * (rather than a line in 0003) so that databases which ran 0003 before it existed are recorded as
 * well. The versions are written out: this step is about these two, whatever the seed's is later.
 */
const datasetUpgradedBy0003: Migration = {
  async up(db: Kysely<any>) {
    await recordDatasetUpgrade(db, '2021.1', '2021.2');
  },
  // Only undone on the way to undoing 0003, which leaves the data as 2021.1 was.
  async down(db: Kysely<any>) {
    await recordDatasetUpgrade(db, '2021.2', '2021.1');
  },
};

export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_work_order_version': workOrderVersion,
  '0003_handling_histogram': handlingHistogram,
  '0004_dataset_upgraded_by_0003': datasetUpgradedBy0003,
  // Core's import runs, cursors and quarantine (0900_…).
  ...importMigrations,
};
