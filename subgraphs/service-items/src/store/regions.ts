/** Administrative divisions: lookups, the tree, and how far the unified platform reaches. */
import type { Kysely } from 'kysely';
import { toConnection, type Connection, type RegionLevel } from '@govgraph/core';
import type { Database } from './schema.js';
import type { RegionRow } from './rows.js';
import type { Page } from './items.js';

export async function regionsByCodes(db: Kysely<Database>, codes: readonly string[]): Promise<RegionRow[]> {
  return db.selectFrom('regions').selectAll().where('code', 'in', codes).execute();
}

export async function childrenOf(db: Kysely<Database>, parentCodes: readonly string[]): Promise<RegionRow[]> {
  return db.selectFrom('regions').selectAll().where('parent_code', 'in', parentCodes).orderBy('code').execute();
}

export async function listRegions(
  db: Kysely<Database>,
  filter: { level?: RegionLevel | null; parentCode?: string | null },
  page: Page,
): Promise<Connection<RegionRow>> {
  let matching = db.selectFrom('regions');
  if (filter.level != null) matching = matching.where('level', '=', filter.level);
  if (filter.parentCode != null) matching = matching.where('parent_code', '=', filter.parentCode);
  let rows = matching.selectAll().orderBy('code').limit(page.size + 1);
  if (page.after !== undefined) rows = rows.where('code', '>', page.after);
  const [found, total] = await Promise.all([
    rows.execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toConnection(found, page.size, (r) => r.code, Number(total.n));
}

/** Kiosks standing in each division or below it: one GROUP BY over the ancestor table. */
export async function kioskCountsByRegion(
  db: Kysely<Database>,
  regionCodes: readonly string[],
): Promise<{ code: string; kiosks: number }[]> {
  const rows = await db
    .selectFrom('region_ancestors')
    .innerJoin('kiosks', 'kiosks.region_code', 'region_ancestors.region_code')
    .select((eb) => ['region_ancestors.ancestor_code as code', eb.fn.countAll<number>().as('kiosks')])
    .where('region_ancestors.ancestor_code', 'in', regionCodes)
    .groupBy('region_ancestors.ancestor_code')
    .execute();
  return rows.map((r) => ({ code: r.code, kiosks: Number(r.kiosks) }));
}

export interface PlatformFigures {
  townships: number;
  villages: number;
  approvableItems: number;
  kiosks: number;
}

export async function platformFigures(db: Kysely<Database>, asOf: string): Promise<PlatformFigures> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('regions')
        .select(eb.fn.countAll<number>().as('n'))
        .where('level', '=', 'TOWNSHIP')
        .where('platform_since', '<=', asOf)
        .as('townships'),
      eb
        .selectFrom('regions')
        .select(eb.fn.countAll<number>().as('n'))
        .where('level', '=', 'VILLAGE')
        .where('platform_since', '<=', asOf)
        .as('villages'),
      eb
        .selectFrom('service_items')
        .select(eb.fn.countAll<number>().as('n'))
        .where('platform_approvable', '=', 1)
        .where('effective_from', '<=', asOf)
        .as('approvableItems'),
      eb
        .selectFrom('kiosks')
        .select(eb.fn.countAll<number>().as('n'))
        .where('installed_on', '<=', asOf)
        .as('kiosks'),
    ])
    .executeTakeFirstOrThrow();
  return {
    townships: Number(row.townships),
    villages: Number(row.villages),
    approvableItems: Number(row.approvableItems),
    kiosks: Number(row.kiosks),
  };
}
