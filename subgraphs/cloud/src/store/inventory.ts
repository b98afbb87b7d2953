import type { Kysely } from 'kysely';
import type { DataCatalogRow } from './rows.js';
import type { Database } from './schema.js';

export interface InventoryCounts {
  informationSystems: number;
  dataCatalogs: number;
  demandCatalogs: number;
  experts: number;
  registeredItems: number;
  linkedItems: number;
}

/** The census as it stood at the end of `asOf`: one statement of scalar sub-counts, one round trip. */
export async function inventoryAsOf(db: Kysely<Database>, asOf: string): Promise<InventoryCounts> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('information_systems')
        .where('registered_on', '<=', asOf)
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('information_systems'),
      eb
        .selectFrom('data_catalogs')
        .where('registered_on', '<=', asOf)
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('data_catalogs'),
      eb
        .selectFrom('demand_catalogs')
        .where('registered_on', '<=', asOf)
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('demand_catalogs'),
      eb
        .selectFrom('experts')
        .where('joined_on', '<=', asOf)
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('experts'),
      eb
        .selectFrom('item_data_links')
        .where('registered_on', '<=', asOf)
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('registered_items'),
      eb
        .selectFrom('item_data_links')
        .where('registered_on', '<=', asOf)
        .where('linked_on', '<=', asOf)
        .select((c) => c.fn.countAll<number>().as('n'))
        .as('linked_items'),
    ])
    .executeTakeFirstOrThrow();
  return {
    informationSystems: Number(row.information_systems),
    dataCatalogs: Number(row.data_catalogs),
    demandCatalogs: Number(row.demand_catalogs),
    experts: Number(row.experts),
    registeredItems: Number(row.registered_items),
    linkedItems: Number(row.linked_items),
  };
}

/** A keyset page of catalogue entries ordered by id (fetch one more row than shown). */
export async function pageOfCatalogs(
  db: Kysely<Database>,
  departmentCode: string | undefined,
  after: string | undefined,
  limit: number,
): Promise<DataCatalogRow[]> {
  let query = db.selectFrom('data_catalogs').selectAll();
  if (departmentCode !== undefined) query = query.where('department_code', '=', departmentCode);
  if (after !== undefined) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

export async function countCatalogs(db: Kysely<Database>, departmentCode: string | undefined): Promise<number> {
  let query = db.selectFrom('data_catalogs');
  if (departmentCode !== undefined) query = query.where('department_code', '=', departmentCode);
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ItemLink {
  catalogId: string;
  itemCode: string;
}

export async function linksOfCatalogs(db: Kysely<Database>, catalogIds: readonly string[]): Promise<ItemLink[]> {
  const rows = await db
    .selectFrom('item_data_links')
    .select(['catalog_id', 'item_code'])
    .where('catalog_id', 'in', catalogIds)
    .orderBy('item_code')
    .execute();
  return rows.map((r) => ({ catalogId: r.catalog_id, itemCode: r.item_code }));
}
