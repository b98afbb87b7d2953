import { sql, type Kysely, type Migration } from 'kysely';
import { importMigrations } from '@govgraph/core';

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
    for (const index of WORK_ORDER_INDEXES) await createWorkOrderIndex(db, index);

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
 * Secondary indexes of work_orders, shared with the seed (which rebuilds them after its bulk load).
 *
 * Every statistic counts orders per (group key, handling_minutes) over a receipt range, so one
 * covering index leads with handling_minutes and carries every column a statistic reads: the
 * whole-set statistic streams through it already grouped, with no sort and no table access, and
 * a short range is a skip-scan over its few thousand distinct minute values. Selective filters
 * (division, department, item) have their own narrow indexes; region_code serves every level of
 * division as a range, because division codes extend their parent's code.
 * Adding an index here adds it to existing databases only through a new migration.
 */
export const WORK_ORDER_INDEXES: readonly IndexDefinition[] = [
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

export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_work_order_version': workOrderVersion,
  // Core's import runs, cursors and quarantine (0900_…).
  ...importMigrations,
};
