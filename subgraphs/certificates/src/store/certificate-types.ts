/** Certificate types: lookups by code, by department and by accepting item, and the filtered list. */
import type { Kysely } from 'kysely';
import { containsText, dialectOf } from '@govgraph/core';
import type { Database, HolderKind } from './schema.js';
import type { CertificateTypeRow } from './rows.js';

export function typesByCodes(db: Kysely<Database>, codes: readonly string[]): Promise<CertificateTypeRow[]> {
  return db.selectFrom('certificate_types').selectAll().where('code', 'in', codes).execute();
}

export function typesByDepartments(db: Kysely<Database>, departmentCodes: readonly string[]): Promise<CertificateTypeRow[]> {
  return db.selectFrom('certificate_types').selectAll().where('department_code', 'in', departmentCodes).orderBy('code').execute();
}

export type AcceptedTypeRow = CertificateTypeRow & { item_code: string };

export function typesAcceptedByItems(db: Kysely<Database>, itemCodes: readonly string[]): Promise<AcceptedTypeRow[]> {
  return db
    .selectFrom('item_accepted_types as a')
    .innerJoin('certificate_types as t', 't.code', 'a.type_code')
    .selectAll('t')
    .select('a.item_code')
    .where('a.item_code', 'in', itemCodes)
    .orderBy('t.code')
    .execute();
}

export interface TypeFilter {
  departmentCode?: string | null;
  inCityCatalog?: boolean | null;
  issuanceEnabled?: boolean | null;
  holderKind?: HolderKind | null;
  nameContains?: string | null;
}

function filtered(db: Kysely<Database>, filter: TypeFilter) {
  let query = db.selectFrom('certificate_types');
  if (filter.departmentCode != null) query = query.where('department_code', '=', filter.departmentCode);
  if (filter.inCityCatalog != null) query = query.where('in_city_catalog', '=', filter.inCityCatalog ? 1 : 0);
  if (filter.issuanceEnabled != null) query = query.where('issuance_enabled', '=', filter.issuanceEnabled ? 1 : 0);
  if (filter.holderKind != null) query = query.where('holder_kind', '=', filter.holderKind);
  if (filter.nameContains != null) query = query.where(containsText(dialectOf(db), 'name', filter.nameContains));
  return query;
}

/** One page by code (a keyset seek after `after`), `limit` rows, plus how many match in all. */
export async function listTypes(
  db: Kysely<Database>,
  filter: TypeFilter,
  limit: number,
  after: string | undefined,
): Promise<{ rows: CertificateTypeRow[]; totalCount: number }> {
  let page = filtered(db, filter).selectAll().orderBy('code').limit(limit);
  if (after !== undefined) page = page.where('code', '>', after);
  const [rows, total] = await Promise.all([
    page.execute(),
    filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, totalCount: Number(total.n) };
}
