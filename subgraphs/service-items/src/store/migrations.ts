import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf, importMigrations } from '@govgraph/core';
import { refreshApplicationRollup } from './application-rollup.js';

interface IndexDefinition {
  name: string;
  columns: string[];
}

/**
 * The indexes of the applications table as 0001_init created them (kept as they were: a migration
 * never changes once applied): one per filter of `ApplicationFilter`, each ending in
 * `submitted_at`, the hot ones carrying completed_at and rating too.
 */
const INDEXES_0001: readonly IndexDefinition[] = [
  { name: 'applications_submitted_at', columns: ['submitted_at', 'completed_at', 'rating'] },
  { name: 'applications_department', columns: ['department_code', 'submitted_at', 'completed_at', 'rating'] },
  { name: 'applications_item', columns: ['item_code', 'submitted_at'] },
  { name: 'applications_channel', columns: ['channel', 'submitted_at'] },
];

/**
 * Since 0002 the center's, a department's and a channel's figures come from application_rollup,
 * so the applications keep two indexes: by item (an item's figures, a few hundred applications a
 * year) and by submission time carrying every column the rollup counts, so that refreshing the
 * days an import touched reads the index alone.
 */
const APPLICATION_INDEXES: readonly IndexDefinition[] = [
  { name: 'applications_item', columns: ['item_code', 'submitted_at'] },
  { name: 'applications_submitted', columns: ['submitted_at', 'department_code', 'channel', 'completed_at', 'rating'] },
];

async function createIndexes(db: Kysely<any>, indexes: readonly IndexDefinition[]): Promise<void> {
  for (const { name, columns } of indexes) {
    await db.schema.createIndex(name).ifNotExists().on('applications').columns(columns).execute();
  }
}

/** The indexes of the applications table as the latest migration leaves them. */
export async function createApplicationIndexes(db: Kysely<any>): Promise<void> {
  await createIndexes(db, APPLICATION_INDEXES);
}

/** Application numbers are unique: the importers find an application by its number. */
export async function createApplicationNumberIndex(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('applications_number').ifNotExists().unique().on('applications').column('number').execute();
}

/**
 * Who numbers a new application: the database, so that two writers (a scheduled import and the
 * import command) can never pick the same id. SQLite's INTEGER PRIMARY KEY numbers itself;
 * PostgreSQL's integer column needs a sequence as its default (0004_application_ids).
 */
const APPLICATION_ID_SEQUENCE = 'applications_id_seq';

/**
 * After ids were written explicitly (the seed's, numbered in submission order), PostgreSQL's
 * sequence continues after the highest; SQLite follows the rowids by itself.
 */
export async function continueApplicationIds(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`select setval(${APPLICATION_ID_SEQUENCE}, coalesce(max(id), 0) + 1, false) from applications`.execute(db);
}

const applicationIds: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    if (dialectOf(db) !== 'postgres') return;
    await sql`create sequence ${sql.id(APPLICATION_ID_SEQUENCE)} owned by applications.id`.execute(db);
    // DDL takes no bound parameters: the name goes in as a literal.
    await sql`alter table applications alter column id set default nextval(${sql.lit(APPLICATION_ID_SEQUENCE)})`.execute(db);
    await continueApplicationIds(db);
  },

  async down(db: Kysely<any>): Promise<void> {
    if (dialectOf(db) !== 'postgres') return;
    await sql`alter table applications alter column id drop default`.execute(db);
    await sql`drop sequence ${sql.id(APPLICATION_ID_SEQUENCE)}`.execute(db);
  },
};

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
    await createIndexes(db, INDEXES_0001);

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
 * The application rollup (schema.ts, application-rollup.ts): the center's figures over a year
 * read a hundred-odd rows instead of half a million applications. A database seeded before gets
 * it filled from its applications here, and the applications' indexes trimmed to what is read.
 *
 * And indexes that answer the catalogue's figures from the index alone (checked with EXPLAIN
 * QUERY PLAN, see `npm run bench:sql -- --plans`): a department's item count and online rate as of
 * a day (the scorecard), the platform-approvable items as of a day, the items stationed in the
 * center as of a day (which replaces the narrower index on stationed_in_center alone).
 */
const rollupAndCoveringIndexes: Migration = {
  async up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable('application_rollup')
      .addColumn('grain', 'text', (c) => c.notNull().check(sql`grain in ('DAY', 'MONTH', 'YEAR')`))
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('department_code', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('handled', 'integer', (c) => c.notNull())
      .addColumn('completed', 'integer', (c) => c.notNull())
      .addColumn('rated', 'integer', (c) => c.notNull())
      .addColumn('satisfied', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('application_rollup_pk', ['grain', 'period', 'department_code', 'channel'])
      // On SQLite the rows live in the primary key's b-tree: a sum reads no second structure.
      .$call((table) => (dialectOf(db) === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
      .execute();
    for (const { name } of INDEXES_0001) {
      if (!APPLICATION_INDEXES.some((index) => index.name === name)) await db.schema.dropIndex(name).execute();
    }
    await createApplicationIndexes(db);
    await refreshApplicationRollup(db);

    await db.schema
      .createIndex('service_items_department_figures')
      .on('service_items')
      .columns(['department_code', 'effective_from', 'application_based', 'online_available'])
      .execute();
    await db.schema.createIndex('service_items_approvable').on('service_items').columns(['platform_approvable', 'effective_from']).execute();
    await db.schema.dropIndex('service_items_center').execute();
    await db.schema.createIndex('service_items_center_from').on('service_items').columns(['stationed_in_center', 'effective_from']).execute();
  },
  async down(db: Kysely<any>): Promise<void> {
    await db.schema.dropIndex('service_items_center_from').execute();
    await db.schema.createIndex('service_items_center').on('service_items').column('stationed_in_center').execute();
    await db.schema.dropIndex('service_items_approvable').execute();
    await db.schema.dropIndex('service_items_department_figures').execute();
    await db.schema.dropTable('application_rollup').execute();
    await db.schema.dropIndex('applications_submitted').execute();
    await createIndexes(db, INDEXES_0001);
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

export const migrations: Record<string, Migration> = {
  '0001_init': init,
  '0002_application_rollup': rollupAndCoveringIndexes,
  '0003_import_identity': importIdentity,
  '0004_application_ids': applicationIds,
  // Core's import runs, cursors and quarantine (0900_…).
  ...importMigrations,
};
