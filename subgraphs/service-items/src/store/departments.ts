/** Departments (实施主体): lookups and the filtered, paginated listing. */
import type { Kysely } from 'kysely';
import { toConnection, type AdministrativeLevel, type Connection } from '@govgraph/core';
import type { Database } from './schema.js';
import type { DepartmentRow } from './rows.js';
import type { Page } from './items.js';

export interface DepartmentFilter {
  level?: AdministrativeLevel | null;
  /** Departments of this division or of any division below it. */
  regionCode?: string | null;
  stationedInCenter?: boolean | null;
}

export async function departmentsByCodes(db: Kysely<Database>, codes: readonly string[]): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().where('code', 'in', codes).execute();
}

export async function listDepartments(
  db: Kysely<Database>,
  filter: DepartmentFilter,
  page: Page,
): Promise<Connection<DepartmentRow>> {
  let matching = db.selectFrom('departments');
  if (filter.level != null) matching = matching.where('level', '=', filter.level);
  if (filter.stationedInCenter != null) {
    matching = matching.where('stationed_in_center', '=', filter.stationedInCenter ? 1 : 0);
  }
  if (filter.regionCode != null) {
    const regionCode = filter.regionCode;
    matching = matching.where('region_code', 'in', (eb) =>
      eb.selectFrom('region_ancestors').select('region_ancestors.region_code').where('region_ancestors.ancestor_code', '=', regionCode),
    );
  }
  let rows = matching.selectAll().orderBy('code').limit(page.size + 1);
  if (page.after !== undefined) rows = rows.where('code', '>', page.after);
  const [found, total] = await Promise.all([
    rows.execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toConnection(found, page.size, (r) => r.code, Number(total.n));
}

/** Departments stationed in the city administrative service center. */
export async function centerDepartmentCount(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('stationed_in_center', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
