import { sql, type Kysely, type Migration } from 'kysely';
import { dialectOf, importMigrations } from '@govgraph/core';
import { rebuildIssuanceRollups } from './issuance-rollup.js';

/**
 * Every filter, join and group-by column is indexed: statistics are aggregates over
 * issuance_daily, and the entity loaders look rows up by code in batches.
 */
export const migrations: Record<string, Migration> = {
  '0001_init': {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('department_onboarding')
        .addColumn('department_code', 'text', (c) => c.primaryKey())
        .addColumn('onboarded_on', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('department_onboarding_onboarded_on')
        .on('department_onboarding')
        .column('onboarded_on')
        .execute();

      await db.schema
        .createTable('certificate_types')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text', (c) => c.notNull())
        .addColumn('in_city_catalog', 'integer', (c) => c.notNull())
        .addColumn('issuance_enabled', 'integer', (c) => c.notNull())
        .addColumn('issuance_enabled_on', 'text')
        .addColumn('holder_kind', 'text', (c) => c.notNull())
        .addColumn('validity_years', 'integer')
        .addColumn('added_on', 'text', (c) => c.notNull())
        .addCheckConstraint('certificate_types_holder_kind', sql`holder_kind in ('PERSON', 'ORGANIZATION')`)
        // A switched-on type always records when it was switched on, and only then.
        .addCheckConstraint(
          'certificate_types_enabled_on',
          sql`(issuance_enabled = 1 and issuance_enabled_on is not null) or (issuance_enabled = 0 and issuance_enabled_on is null)`,
        )
        .execute();
      await db.schema.createIndex('certificate_types_department').on('certificate_types').columns(['department_code', 'code']).execute();
      await db.schema.createIndex('certificate_types_catalog').on('certificate_types').columns(['in_city_catalog', 'added_on']).execute();
      await db.schema.createIndex('certificate_types_enabled').on('certificate_types').column('issuance_enabled').execute();
      await db.schema.createIndex('certificate_types_holder_kind').on('certificate_types').column('holder_kind').execute();

      await db.schema
        .createTable('issuance_daily')
        .addColumn('type_code', 'text', (c) => c.notNull().references('certificate_types.code'))
        .addColumn('department_code', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('issued', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('issuance_daily_pk', ['type_code', 'department_code', 'day'])
        .addCheckConstraint('issuance_daily_issued', sql`issued > 0`)
        .execute();
      // Covering indexes: period sums read (day, issued) and per-department sums
      // (department_code, day, issued) without touching the table.
      await db.schema.createIndex('issuance_daily_day').on('issuance_daily').columns(['day', 'issued']).execute();
      await db.schema
        .createIndex('issuance_daily_department_day')
        .on('issuance_daily')
        .columns(['department_code', 'day', 'issued'])
        .execute();
      await db.schema
        .createIndex('issuance_daily_type_day')
        .on('issuance_daily')
        .columns(['type_code', 'day', 'issued'])
        .execute();

      await db.schema
        .createTable('item_onboarding')
        .addColumn('item_code', 'text', (c) => c.primaryKey())
        .addColumn('onboarded_on', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('item_onboarding_onboarded_on').on('item_onboarding').column('onboarded_on').execute();

      await db.schema
        .createTable('item_accepted_types')
        .addColumn('item_code', 'text', (c) => c.notNull().references('item_onboarding.item_code'))
        .addColumn('type_code', 'text', (c) => c.notNull().references('certificate_types.code'))
        .addColumn('accepted_from', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('item_accepted_types_pk', ['item_code', 'type_code'])
        .execute();
      await db.schema.createIndex('item_accepted_types_type').on('item_accepted_types').column('type_code').execute();
      await db.schema
        .createIndex('item_accepted_types_accepted_from')
        .on('item_accepted_types')
        .columns(['accepted_from', 'item_code'])
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      for (const table of ['item_accepted_types', 'item_onboarding', 'issuance_daily', 'certificate_types', 'department_onboarding']) {
        await db.schema.dropTable(table).ifExists().execute();
      }
    },
  },
  // The imported issuance log, kept beside issuance_daily (which the statistics read) so that
  // versions and zero-count corrections have somewhere to live; see IssuanceLogTable.
  '0002_issuance_log': {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('issuance_log')
        .addColumn('type_code', 'text', (c) => c.notNull().references('certificate_types.code'))
        .addColumn('department_code', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('issued', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('issuance_log_pk', ['type_code', 'department_code', 'day'])
        .addCheckConstraint('issuance_log_issued', sql`issued >= 0`)
        .execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('issuance_log').ifExists().execute();
    },
  },
  // Month and year sums of issuance_daily (issuance-rollup.ts), filled from the days a database
  // already holds: a period statistic then reads a row per key and month or year.
  '0003_issuance_rollup': {
    async up(db: Kysely<any>): Promise<void> {
      // On SQLite the rows live in the primary key's b-tree: a range of periods is one seek.
      const sqlite = dialectOf(db) === 'sqlite';
      await db.schema
        .createTable('issuance_rollup')
        .addColumn('grain', 'text', (c) => c.notNull().check(sql`grain in ('MONTH', 'YEAR')`))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('type_code', 'text', (c) => c.notNull())
        .addColumn('department_code', 'text', (c) => c.notNull())
        // 0 only for the moment between an import's change and its removal of emptied rows.
        .addColumn('issued', 'integer', (c) => c.notNull().check(sql`issued >= 0`))
        .addPrimaryKeyConstraint('issuance_rollup_pk', ['grain', 'period', 'type_code', 'department_code'])
        .$call((table) => (sqlite ? table.modifyEnd(sql`without rowid`) : table))
        .execute();
      // Covering: one type's or one department's periods without reading the other keys' rows.
      await db.schema
        .createIndex('issuance_rollup_type')
        .on('issuance_rollup')
        .columns(['type_code', 'grain', 'period', 'issued'])
        .execute();
      await db.schema
        .createIndex('issuance_rollup_department')
        .on('issuance_rollup')
        .columns(['department_code', 'grain', 'period', 'issued'])
        .execute();
      await db.schema
        .createTable('issuance_total_rollup')
        .addColumn('grain', 'text', (c) => c.notNull().check(sql`grain in ('DAY', 'MONTH', 'YEAR')`))
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('issued', 'integer', (c) => c.notNull().check(sql`issued >= 0`))
        .addPrimaryKeyConstraint('issuance_total_rollup_pk', ['grain', 'period'])
        .$call((table) => (sqlite ? table.modifyEnd(sql`without rowid`) : table))
        .execute();
      await rebuildIssuanceRollups(db);
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.dropTable('issuance_total_rollup').ifExists().execute();
      await db.schema.dropTable('issuance_rollup').ifExists().execute();
    },
  },
  // Core's import runs, cursors and quarantine (0900_…).
  ...importMigrations,
};
