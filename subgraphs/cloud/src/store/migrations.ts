import { sql, type Kysely, type Migration } from 'kysely';
import { importMigrations } from '@govgraph/core';

/** A CHECK that an enum column holds one of its GraphQL values (literals: DDL takes no parameters). */
function sqlIn(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/**
 * Every column a query filters, groups or joins on has an index. `double precision` is REAL in
 * SQLite and float8 in PostgreSQL, so storage sums come back as plain numbers in both.
 */
const init: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('capacity_events')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('completed_on', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sqlIn('kind', ['INITIAL', 'EXPANSION'])))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('vcpu', 'integer', (c) => c.notNull())
      .addColumn('memory_gb', 'integer', (c) => c.notNull())
      .addColumn('storage_tb', 'double precision', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('capacity_events_completed_on').on('capacity_events').columns(['completed_on', 'kind']).execute();

    await db.schema
      .createTable('business_systems')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('department_code', 'text', (c) => c.notNull())
      .addColumn('origin', 'text', (c) => c.notNull().check(sqlIn('origin', ['NEW_DEPLOYMENT', 'MIGRATED'])))
      .addColumn('vcpu', 'integer', (c) => c.notNull())
      .addColumn('memory_gb', 'integer', (c) => c.notNull())
      .addColumn('storage_tb', 'double precision', (c) => c.notNull())
      .addColumn('allocated_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('business_systems_department').on('business_systems').columns(['department_code', 'id']).execute();
    await db.schema.createIndex('business_systems_allocated_on').on('business_systems').column('allocated_on').execute();
    await db.schema.createIndex('business_systems_origin').on('business_systems').column('origin').execute();

    for (const table of ['information_systems', 'data_catalogs', 'demand_catalogs']) {
      await db.schema
        .createTable(table)
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text', (c) => c.notNull())
        .addColumn('registered_on', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex(`${table}_department`).on(table).columns(['department_code', 'id']).execute();
      await db.schema.createIndex(`${table}_registered_on`).on(table).column('registered_on').execute();
    }

    await db.schema
      .createTable('experts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('organisation', 'text', (c) => c.notNull())
      .addColumn('joined_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('experts_joined_on').on('experts').column('joined_on').execute();

    await db.schema
      .createTable('item_data_links')
      .addColumn('item_code', 'text', (c) => c.primaryKey())
      .addColumn('catalog_id', 'text', (c) => c.notNull().references('data_catalogs.id'))
      .addColumn('registered_on', 'text', (c) => c.notNull())
      .addColumn('linked_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('item_data_links_catalog').on('item_data_links').columns(['catalog_id', 'item_code']).execute();
    await db.schema.createIndex('item_data_links_registered_on').on('item_data_links').columns(['registered_on', 'linked_on']).execute();

    await db.schema
      .createTable('data_flow_daily')
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('flow', 'text', (c) => c.notNull())
      .addColumn('records', 'integer', (c) => c.notNull().check(sql`records >= 0`))
      .addPrimaryKeyConstraint('data_flow_daily_pk', ['day', 'flow'])
      .execute();
    await db.schema.createIndex('data_flow_daily_flow').on('data_flow_daily').columns(['flow', 'day']).execute();
  },
  async down(db: Kysely<any>) {
    for (const table of [
      'data_flow_daily', 'item_data_links', 'experts', 'demand_catalogs', 'data_catalogs',
      'information_systems', 'business_systems', 'capacity_events',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

/** Imports replace an allocation only with a newer upstream version, so the row keeps it. */
const importVersions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('business_systems').addColumn('updated_at', 'text').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('business_systems').dropColumn('updated_at').execute();
  },
};

export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_import_versions': importVersions,
  // Core's import runs, cursors and quarantine (0900_…).
  ...importMigrations,
};
