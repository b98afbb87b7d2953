import type { Kysely } from 'kysely';
import type { MergedHotlineRow } from './rows.js';
import type { Database } from './schema.js';

/** All legacy hotlines merged into 12345, by number. Few enough to need no pagination. */
export async function mergedHotlines(db: Kysely<Database>): Promise<MergedHotlineRow[]> {
  return db.selectFrom('merged_hotlines').selectAll().orderBy('number').execute();
}
