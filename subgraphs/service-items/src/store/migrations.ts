import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Indexes of the applications table, one per filter of `ApplicationFilter`, each ending in
 * `submitted_at` so that a period is a range scan within the filtered key. The two that serve
 * the hot aggregates (the whole center over a period; every department at once for the
 * scorecard) also carry completed_at and rating, so those are answered from the index alone.
 */
const APPLICATION_INDEXES: readonly { name: string; columns: string[] }[] = [
  { name: 'applications_submitted_at', columns: ['submitted_at', 'completed_at', 'rating'] },
  { name: 'applications_department', columns: ['department_code', 'submitted_at', 'completed_at', 'rating'] },
  { name: 'applications_item', columns: ['item_code', 'submitted_at'] },
  { name: 'applications_channel', columns: ['channel', 'submitted_at'] },
];

export async function createApplicationIndexes(db: Kysely<any>): Promise<void> {
  for (const { name, columns } of APPLICATION_INDEXES) {
    await db.schema.createIndex(name).ifNotExists().on('applications').columns(columns).execute();
  }
}

/** Application numbers are unique: the importers find an application by its number. */
export async function createApplicationNumberIndex(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_number').ifNotExists().unique().on('applications').column('number').execute();
}

/**
 * The seed loads half a million applications; building the indexes once afterwards is about
 * twice as fast as maintaining them row by row, so it drops them all for the load.
 */
export async function dropApplicationIndexes(db: Kysely<any>): Promise<void> {
  for (const { name } of APPLICATION_INDEXES) await db.schema.dropIndex(name).ifExists().execute();
  await db.schema.dropIndex('applications_number').ifExists().execute();
}

/**
 * The catalogue's schema. Every column a query filters, groups or joins on has an index.
 */
const init: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('regions')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('parent_code', 'text', (c) => c.references('regions.code'))
      .addColumn('platform_since', 'text')
      .execute();
    await db.schema.createIndex('regions_parent_code').on('regions').columns(['parent_code', 'code']).execute();
    await db.schema.createIndex('regions_level').on('regions').columns(['level', 'platform_since']).execute();

    await db.schema
      .createTable('region_ancestors')
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('ancestor_code', 'text', (c) => c.notNull().references('regions.code'))
      .addPrimaryKeyConstraint('region_ancestors_pk', ['ancestor_code', 'region_code'])
      .execute();
    await db.schema.createIndex('region_ancestors_region_code').on('region_ancestors').column('region_code').execute();

    await db.schema
      .createTable('departments')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('short_name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('stationed_in_center', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('departments_level').on('departments').column('level').execute();
    await db.schema.createIndex('departments_region_code').on('departments').column('region_code').execute();
    await db.schema.createIndex('departments_stationed').on('departments').column('stationed_in_center').execute();

    await db.schema
      .createTable('service_items')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('application_based', 'integer', (c) => c.notNull())
      .addColumn('department_code', 'text', (c) => c.notNull().references('departments.code'))
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('statutory_days', 'integer', (c) => c.notNull())
      .addColumn('promised_days', 'integer', (c) => c.notNull())
      .addColumn('required_visits', 'integer', (c) => c.notNull())
      .addColumn('online_available', 'integer', (c) => c.notNull())
      .addColumn('instant', 'integer', (c) => c.notNull())
      .addColumn('one_window_acceptance', 'integer', (c) => c.notNull())
      .addColumn('stationed_in_hall', 'integer', (c) => c.notNull())
      .addColumn('stationed_in_center', 'integer', (c) => c.notNull())
      .addColumn('platform_approvable', 'integer', (c) => c.notNull())
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_items_department').on('service_items').columns(['department_code', 'code']).execute();
    await db.schema.createIndex('service_items_region').on('service_items').columns(['region_code', 'code']).execute();
    await db.schema.createIndex('service_items_level_kind').on('service_items').columns(['level', 'kind']).execute();
    await db.schema.createIndex('service_items_kind').on('service_items').column('kind').execute();
    await db.schema.createIndex('service_items_center').on('service_items').column('stationed_in_center').execute();
    await db.schema.createIndex('service_items_effective_from').on('service_items').column('effective_from').execute();

    await db.schema
      .createTable('item_cross_region')
      .addColumn('item_code', 'text', (c) => c.notNull().references('service_items.code'))
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('item_cross_region_pk', ['item_code', 'scope'])
      .execute();
    await db.schema.createIndex('item_cross_region_scope').on('item_cross_region').columns(['scope', 'since']).execute();

    await db.schema
      .createTable('item_channels')
      .addColumn('item_code', 'text', (c) => c.notNull().references('service_items.code'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('item_channels_pk', ['item_code', 'channel'])
      .execute();
    await db.schema.createIndex('item_channels_channel').on('item_channels').columns(['channel', 'since']).execute();

    await db.schema
      .createTable('applications')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('item_code', 'text', (c) => c.notNull().references('service_items.code'))
      .addColumn('department_code', 'text', (c) => c.notNull().references('departments.code'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('rating', 'integer')
      .execute();
    await createApplicationIndexes(db);

    await db.schema
      .createTable('delegation_batches')
      .addColumn('number', 'integer', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('from_level', 'text', (c) => c.notNull())
      .addColumn('to_level', 'text', (c) => c.notNull())
      .addColumn('decided_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('delegation_batches_decided_on').on('delegation_batches').column('decided_on').execute();

    await db.schema
      .createTable('power_list_entries')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('department_code', 'text', (c) => c.notNull().references('departments.code'))
      .addColumn('item_code', 'text', (c) => c.references('service_items.code'))
      .addColumn('delegation_batch', 'integer', (c) => c.references('delegation_batches.number'))
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('repealed_on', 'text')
      .execute();
    await db.schema
      .createIndex('power_list_entries_level')
      .on('power_list_entries')
      .columns(['level', 'effective_from', 'repealed_on'])
      .execute();
    await db.schema.createIndex('power_list_entries_department').on('power_list_entries').column('department_code').execute();
    await db.schema.createIndex('power_list_entries_item').on('power_list_entries').column('item_code').execute();
    await db.schema.createIndex('power_list_entries_batch').on('power_list_entries').column('delegation_batch').execute();

    await db.schema
      .createTable('partner_cities')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('since', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('partner_cities_pk', ['kind', 'name'])
      .execute();

    await db.schema
      .createTable('kiosks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('site', 'text', (c) => c.notNull())
      .addColumn('installed_on', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kiosks_region_code').on('kiosks').column('region_code').execute();
    await db.schema.createIndex('kiosks_installed_on').on('kiosks').column('installed_on').execute();

    await db.schema
      .createTable('service_halls')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
      .addColumn('rating_enabled', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_halls_level').on('service_halls').column('level').execute();

    await db.schema
      .createTable('channel_statistics')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('certificate_businesses', 'integer')
      .addColumn('registered_users', 'integer')
      .addColumn('registered_entities', 'integer')
      .addColumn('total_entities', 'integer')
      .addPrimaryKeyConstraint('channel_statistics_pk', ['year', 'channel'])
      .execute();

    await db.schema
      .createTable('channel_service_domains')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('channel_service_domains_pk', ['year', 'channel', 'position'])
      .execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    for (const table of [
      'channel_service_domains',
      'channel_statistics',
      'service_halls',
      'kiosks',
      'partner_cities',
      'power_list_entries',
      'delegation_batches',
      'applications',
      'item_channels',
      'item_cross_region',
      'service_items',
      'departments',
      'region_ancestors',
      'regions',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

/**
 * What importing needs: each application's number (its identity upstream) and, on the records an
 * upstream can change, the version last written, so an older record arriving late is ignored.
 * Applications seeded before this migration get the numbers the seed now writes
 * (`applicationNumber`: `ZJBJ` and the id in ten digits), spelt in SQL both dialects run.
 */
const importIdentity: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema.alterTable('applications').addColumn('number', 'text').execute();
    await db.schema.alterTable('applications').addColumn('upstream_updated_at', 'text').execute();
    await sql`update applications set number = 'ZJBJ' || substr(cast(10000000000 + id as varchar(11)), 2) where number is null`.execute(db);
    await createApplicationNumberIndex(db);
    await db.schema.alterTable('service_items').addColumn('upstream_updated_at', 'text').execute();
  },

  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('applications_number').ifExists().execute();
    await db.schema.alterTable('applications').dropColumn('number').execute();
    await db.schema.alterTable('applications').dropColumn('upstream_updated_at').execute();
    await db.schema.alterTable('service_items').dropColumn('upstream_updated_at').execute();
  },
};

export const migrations: Record<string, Migration> = { '0001_init': init, '0002_import_identity': importIdentity };
