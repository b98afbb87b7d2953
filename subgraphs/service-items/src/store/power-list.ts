/** Power and responsibility lists (权责清单) and the batches that delegated powers downwards. */
import type { Kysely } from 'kysely';
import type { AdministrativeLevel } from '@govgraph/core';
import type { Database } from './schema.js';
import type { DelegationBatchRow, DelegationRow } from './rows.js';

const LEVELS: readonly AdministrativeLevel[] = ['CITY', 'COUNTY', 'TOWNSHIP'];

/** Entries in force at the end of `asOf`, per level, highest level first; levels without entries are left out. */
export async function powerListEntriesByLevel(
  db: Kysely<Database>,
  asOf: string,
): Promise<{ level: AdministrativeLevel; entries: number }[]> {
  const rows = await db
    .selectFrom('power_list_entries')
    .select((eb) => ['level', eb.fn.countAll<number>().as('entries')])
    .where('effective_from', '<=', asOf)
    .where((eb) => eb.or([eb('repealed_on', 'is', null), eb('repealed_on', '>', asOf)]))
    .groupBy('level')
    .execute();
  const byLevel = new Map(rows.map((r) => [r.level, Number(r.entries)]));
  return LEVELS.filter((level) => (byLevel.get(level) ?? 0) > 0).map((level) => ({ level, entries: byLevel.get(level)! }));
}

function batchesWithEntries(db: Kysely<Database>) {
  return db
    .selectFrom('delegation_batches as b')
    .leftJoin('power_list_entries as e', 'e.delegation_batch', 'b.number')
    .select((eb) => [
      'b.number',
      'b.title',
      'b.from_level',
      'b.to_level',
      'b.decided_on',
      eb.fn.count<number>('e.id').as('entries'),
    ])
    .groupBy(['b.number', 'b.title', 'b.from_level', 'b.to_level', 'b.decided_on'])
    .orderBy('b.decided_on')
    .orderBy('b.number');
}

function toBatch(row: DelegationBatchRow): DelegationBatchRow {
  return { ...row, entries: Number(row.entries) };
}

export async function listDelegationBatches(db: Kysely<Database>, year: number | null | undefined): Promise<DelegationBatchRow[]> {
  let query = batchesWithEntries(db);
  if (year != null) query = query.where('b.decided_on', '>=', `${year}-01-01`).where('b.decided_on', '<=', `${year}-12-31`);
  return (await query.execute()).map(toBatch);
}

export async function delegationBatchesByNumbers(db: Kysely<Database>, numbers: readonly number[]): Promise<DelegationBatchRow[]> {
  return (await batchesWithEntries(db).where('b.number', 'in', numbers).execute()).map(toBatch);
}

/** The delegation of each item that came down in a batch (items without one are absent). */
export async function delegationsOfItems(db: Kysely<Database>, itemCodes: readonly string[]): Promise<DelegationRow[]> {
  const rows = await db
    .selectFrom('power_list_entries as e')
    .innerJoin('delegation_batches as b', 'b.number', 'e.delegation_batch')
    .select(['e.item_code', 'b.number as batch_number', 'b.from_level', 'b.to_level'])
    .where('e.item_code', 'in', itemCodes)
    .orderBy('b.decided_on')
    .execute();
  // An item delegated twice keeps its latest delegation: later rows overwrite earlier ones.
  const byItem = new Map<string, DelegationRow>();
  for (const r of rows) byItem.set(r.item_code!, { ...r, item_code: r.item_code! });
  return [...byItem.values()];
}
