/**
 * The import tables as a migration set every subgraph adds to its own (`...importMigrations`).
 * Named `0900_…` so they sort after a subgraph's own first migrations; core's migrateToLatest
 * allows a subgraph's later migrations to be applied after it.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The column type of an auto-assigned integer key. SQLite assigns an `integer primary key` itself;
 * PostgreSQL needs `serial`. A migration only receives the connection, so the dialect is read off
 * the SQL Kysely compiles: only its SQLite compiler spells auto-increment `autoincrement`.
 */
function serialType(db: Kysely<any>): 'integer' | 'serial' {
  const probe = db.schema.createTable('probe').addColumn('id', 'integer', (c) => c.autoIncrement()).compile().sql;
  return /\bautoincrement\b/.test(probe) ? 'integer' : 'serial';
}

const importTables: Migration = {
  async up(db: Kysely<any>) {
    const serial = serialType(db);
    await db.schema
      .createTable('import_runs')
      .addColumn('id', serial, (c) => c.primaryKey())
      .addColumn('resource', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('since', 'text')
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('heartbeat_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('RUNNING', 'SUCCEEDED', 'FAILED')`))
      .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('quarantined', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      .addColumn('resumed_from', 'text')
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('pid', 'integer', (c) => c.notNull())
      .addColumn('instance', 'text', (c) => c.notNull())
      .execute();
    // The last runs of a resource, newest first; and the running ones, for the overlap guard.
    await db.schema.createIndex('import_runs_resource').on('import_runs').columns(['resource', 'id']).execute();
    // At most one unfinished run per resource and source: a second process starting the same
    // import fails on this index instead of both writing the same cursor.
    await db.schema
      .createIndex('import_runs_one_running')
      .on('import_runs')
      .columns(['resource', 'source'])
      .unique()
      .where(sql<boolean>`status = 'RUNNING'`)
      .execute();

    await db.schema
      .createTable('import_cursors')
      .addColumn('resource', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('position', 'text')
      .addColumn('run_since', 'text')
      .addColumn('pending_high_water', 'text')
      .addColumn('high_water', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('import_cursors_pk', ['resource', 'source'])
      .execute();

    await db.schema
      .createTable('import_quarantine')
      .addColumn('id', serial, (c) => c.primaryKey())
      .addColumn('run_id', 'integer', (c) => c.notNull())
      .addColumn('resource', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('page', 'text')
      .addColumn('line', 'integer')
      .addColumn('raw_text', 'text', (c) => c.notNull())
      .addColumn('record_json', 'text')
      .addColumn('natural_key', 'text')
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('OPEN', 'RESOLVED')`))
      .addColumn('quarantined_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by_run', 'integer')
      .execute();
    // The admin's lists: newest first by status, optionally narrowed to a resource or a run.
    await db.schema.createIndex('import_quarantine_status').on('import_quarantine').columns(['status', 'id']).execute();
    await db.schema
      .createIndex('import_quarantine_resource')
      .on('import_quarantine')
      .columns(['resource', 'status', 'id'])
      .execute();
    await db.schema.createIndex('import_quarantine_run').on('import_quarantine').columns(['run_id', 'id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('import_quarantine').execute();
    await db.schema.dropTable('import_cursors').execute();
    await db.schema.dropTable('import_runs').execute();
  },
};

export const importMigrations: Record<string, Migration> = {
  '0900_import_tables': importTables,
};
