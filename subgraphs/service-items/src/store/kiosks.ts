/** Self-service kiosks (粤智助) and the government service halls. */
import type { Kysely } from 'kysely';
import { toConnection, type AdministrativeLevel, type Connection } from '@govgraph/core';
import type { Database } from './schema.js';
import type { KioskRow, ServiceHallRow } from './rows.js';
import type { Page } from './items.js';

export async function listKiosks(
  db: Kysely<Database>,
  filter: { regionCode?: string | null },
  page: Page,
): Promise<Connection<KioskRow>> {
  let matching = db.selectFrom('kiosks');
  if (filter.regionCode != null) {
    const regionCode = filter.regionCode;
    matching = matching.where('region_code', 'in', (eb) =>
      eb.selectFrom('region_ancestors').select('region_ancestors.region_code').where('region_ancestors.ancestor_code', '=', regionCode),
    );
  }
  let rows = matching.selectAll().orderBy('id').limit(page.size + 1);
  if (page.after !== undefined) rows = rows.where('id', '>', page.after);
  const [found, total] = await Promise.all([
    rows.execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toConnection(found, page.size, (r) => r.id, Number(total.n));
}

export async function listServiceHalls(db: Kysely<Database>, level: AdministrativeLevel | null | undefined): Promise<ServiceHallRow[]> {
  let query = db.selectFrom('service_halls').selectAll().orderBy('code');
  if (level != null) query = query.where('level', '=', level);
  return query.execute();
}
