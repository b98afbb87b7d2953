/** The figures of the e-certificate system as it stood at the end of a day. */
import { sql, type Kysely } from 'kysely';
import { rate } from '@govgraph/core';
import type { Database } from './schema.js';
import type { CertificateStatisticsRow } from './rows.js';
import { BEGINNING, totalIssuance, typeIssuedIn } from './issuance-spans.js';

/**
 * Every figure as of `asOf`, in one round trip (one scalar subquery each): a type counts once it
 * is in the catalogue by then, an item once it had joined and accepted a type by then.
 */
export async function certificateStatistics(db: Kysely<Database>, asOf: string): Promise<CertificateStatisticsRow> {
  // Everything issued by then, from the rollups: the years before, the months, the last days.
  const untilThen = { from: BEGINNING, to: asOf };
  const row = await db
    .selectNoFrom((eb) => {
      const catalogue = () =>
        eb.selectFrom('certificate_types as t').where('t.in_city_catalog', '=', 1).where('t.added_on', '<=', asOf);
      return [
        eb
          .selectFrom('department_onboarding')
          .where('onboarded_on', '<=', asOf)
          .select(eb.fn.countAll<number>().as('n'))
          .as('onboarded_departments'),
        catalogue().select(eb.fn.countAll<number>().as('n')).as('catalog_types'),
        catalogue()
          .where('t.issuance_enabled', '=', 1)
          .where('t.issuance_enabled_on', '<=', asOf)
          .select(eb.fn.countAll<number>().as('n'))
          .as('service_enabled_types'),
        catalogue()
          .where(typeIssuedIn(db, 't.code', untilThen))
          .select(eb.fn.countAll<number>().as('n'))
          .as('issued_types'),
        eb
          .selectFrom(totalIssuance(db, untilThen, 'YEAR').as('r'))
          .select(sql<number>`coalesce(sum(r.issued), 0)`.as('n'))
          .as('issued_total'),
        eb
          .selectFrom('item_onboarding')
          .where('onboarded_on', '<=', asOf)
          .select(eb.fn.countAll<number>().as('n'))
          .as('stationed_items'),
        eb
          .selectFrom('item_onboarding as o')
          .where('o.onboarded_on', '<=', asOf)
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom('item_accepted_types as a')
                .whereRef('a.item_code', '=', 'o.item_code')
                .where('a.accepted_from', '<=', asOf)
                .select(sql`1`.as('one')),
            ),
          )
          .select(eb.fn.countAll<number>().as('n'))
          .as('items_using'),
      ];
    })
    .executeTakeFirstOrThrow();
  const catalogTypes = Number(row.catalog_types);
  const issuedTypes = Number(row.issued_types);
  const stationedItems = Number(row.stationed_items);
  const itemsUsingCertificates = Number(row.items_using);
  return {
    onboardedDepartments: Number(row.onboarded_departments),
    catalogTypes,
    serviceEnabledTypes: Number(row.service_enabled_types),
    issuedTypes,
    // The schema's rates are non-null: before anything was catalogued the share is 0.
    ingestionRate: rate(issuedTypes, catalogTypes) ?? 0,
    issuedTotal: Number(row.issued_total),
    stationedItems,
    itemsUsingCertificates,
    usageRate: rate(itemsUsingCertificates, stationedItems) ?? 0,
  };
}
