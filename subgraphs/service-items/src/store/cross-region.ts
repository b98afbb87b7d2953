/** Cross-region processing (跨域通办): item counts per arrangement and the partner cities. */
import type { Kysely } from 'kysely';
import type { CrossRegionScope, Database, PartnershipKind } from './schema.js';
import type { PartnerCityRow } from './rows.js';

export async function crossRegionItemCounts(db: Kysely<Database>, asOf: string): Promise<Record<CrossRegionScope, number>> {
  const rows = await db
    .selectFrom('item_cross_region')
    .innerJoin('service_items', 'service_items.code', 'item_cross_region.item_code')
    .select((eb) => ['item_cross_region.scope', eb.fn.countAll<number>().as('items')])
    .where('item_cross_region.since', '<=', asOf)
    .where('service_items.effective_from', '<=', asOf)
    .groupBy('item_cross_region.scope')
    .execute();
  const counts: Record<CrossRegionScope, number> = {
    WITHIN_CITY: 0,
    CROSS_PROVINCE_OUTBOUND: 0,
    CROSS_PROVINCE_INBOUND: 0,
    GUANGZHOU_WINDOW: 0,
  };
  for (const r of rows) counts[r.scope] = Number(r.items);
  return counts;
}

export async function partnerCities(
  db: Kysely<Database>,
  asOf: string,
  kind: PartnershipKind | null | undefined,
): Promise<PartnerCityRow[]> {
  let query = db.selectFrom('partner_cities').selectAll().where('since', '<=', asOf).orderBy('kind').orderBy('since').orderBy('name');
  if (kind != null) query = query.where('kind', '=', kind);
  return query.execute();
}
