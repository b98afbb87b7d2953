/**
 * The lookup every importer's reference check makes: which of a batch's codes a table holds.
 * Reading a slice of distinct codes at a time keeps each statement's parameters bounded, however
 * large the batch.
 */
import type { Kysely, Transaction } from 'kysely';
import { inSlices } from './versioned-upsert.js';

/** Those of `values` that occur in `table`.`column`. */
export async function valuesIn<DB, TTable extends keyof DB & string>(
  db: Kysely<DB> | Transaction<DB>,
  table: TTable,
  column: keyof DB[TTable] & string,
  values: Iterable<string>,
): Promise<Set<string>> {
  // The table is named at run time; the signature ties table and column to the database type.
  const reader = db as unknown as Kysely<any>;
  const [from, name]: [string, string] = [table, column];
  const found = new Set<string>();
  for (const slice of inSlices([...new Set(values)])) {
    const rows = await reader.selectFrom(from).select(name).distinct().where(name, 'in', slice).execute();
    for (const row of rows) found.add(row[name] as string);
  }
  return found;
}
