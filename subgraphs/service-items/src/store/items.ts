/**
 * The service-item catalogue: lookups, the filtered and paginated listing (also batched per
 * department) and the catalogue-wide figures.
 */
import { sql, type ExpressionBuilder, type Expression, type Kysely, type SqlBool } from 'kysely';
import { containsText, dialectOf, rate, toConnection, type Connection, type Dialect } from '@govgraph/core';
import type { ServiceItemFilter } from '../__generated__/resolvers-types.js';
import type { CrossRegionScope, Database, ServiceChannelCode } from './schema.js';
import type { ServiceItemRow } from './rows.js';

export interface Page {
  size: number;
  /** The decoded cursor: the code of the last item of the previous page. */
  after: string | undefined;
}

export async function itemsByCodes(db: Kysely<Database>, codes: readonly string[]): Promise<ServiceItemRow[]> {
  return db.selectFrom('service_items').selectAll().where('code', 'in', codes).execute();
}

/** Every condition of a `ServiceItemFilter` (except, when asked, its department) as one predicate. */
export function itemConditions(
  eb: ExpressionBuilder<Database, 'service_items'>,
  filter: ServiceItemFilter,
  options: { dialect: Dialect; ignoreDepartment?: boolean },
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.nameContains != null && filter.nameContains !== '') {
    conditions.push(containsText(options.dialect, 'service_items.name', filter.nameContains, 'filter.nameContains'));
  }
  if (filter.departmentCode != null && !options.ignoreDepartment) {
    conditions.push(eb('service_items.department_code', '=', filter.departmentCode));
  }
  if (filter.regionCode != null) {
    const regionCode = filter.regionCode;
    conditions.push(
      eb(
        'service_items.region_code',
        'in',
        eb.selectFrom('region_ancestors').select('region_ancestors.region_code').where('region_ancestors.ancestor_code', '=', regionCode),
      ),
    );
  }
  if (filter.kinds != null) {
    // An empty list matches nothing, as `kind IN ()` would; SQL cannot spell that directly.
    conditions.push(filter.kinds.length > 0 ? eb('service_items.kind', 'in', filter.kinds) : sql<SqlBool>`1 = 0`);
  }
  if (filter.level != null) conditions.push(eb('service_items.level', '=', filter.level));
  if (filter.applicationBased != null) {
    conditions.push(eb('service_items.application_based', '=', filter.applicationBased ? 1 : 0));
  }
  if (filter.onlineAvailable != null) {
    conditions.push(eb('service_items.online_available', '=', filter.onlineAvailable ? 1 : 0));
  }
  if (filter.stationedInCenter != null) {
    conditions.push(eb('service_items.stationed_in_center', '=', filter.stationedInCenter ? 1 : 0));
  }
  if (filter.crossRegionScope != null) {
    const scope: CrossRegionScope = filter.crossRegionScope;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('item_cross_region')
          .select('item_cross_region.item_code')
          .whereRef('item_cross_region.item_code', '=', 'service_items.code')
          .where('item_cross_region.scope', '=', scope),
      ),
    );
  }
  if (filter.channel != null) {
    const channel: ServiceChannelCode = filter.channel;
    conditions.push(
      eb.exists(
        eb
          .selectFrom('item_channels')
          .select('item_channels.item_code')
          .whereRef('item_channels.item_code', '=', 'service_items.code')
          .where('item_channels.channel', '=', channel),
      ),
    );
  }
  if (filter.asOf != null) conditions.push(eb('service_items.effective_from', '<=', filter.asOf));
  return eb.and(conditions);
}

export async function listItems(db: Kysely<Database>, filter: ServiceItemFilter, page: Page): Promise<Connection<ServiceItemRow>> {
  let rows = db
    .selectFrom('service_items')
    .selectAll()
    .where((eb) => itemConditions(eb, filter, { dialect: dialectOf(db) }))
    .orderBy('code')
    .limit(page.size + 1);
  if (page.after !== undefined) rows = rows.where('code', '>', page.after);
  const [found, total] = await Promise.all([
    rows.execute(),
    db
      .selectFrom('service_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => itemConditions(eb, filter, { dialect: dialectOf(db) }))
      .executeTakeFirstOrThrow(),
  ]);
  return toConnection(found, page.size, (r) => r.code, Number(total.n));
}

export interface DepartmentItemPage {
  department_code: string;
  connection: Connection<ServiceItemRow>;
}

/**
 * One page of items for each of many departments, in two queries whatever their number: a
 * window function numbers each department's matching items, and one GROUP BY counts them.
 */
export async function itemPagesByDepartment(
  db: Kysely<Database>,
  departmentCodes: readonly string[],
  filter: ServiceItemFilter,
  page: Page,
): Promise<DepartmentItemPage[]> {
  // Numbered on codes alone (the department index holds them in order), then only the rows of
  // each page are read: a few per department instead of every item of every department.
  let numbered = db
    .selectFrom('service_items')
    .select([
      'service_items.code',
      sql<number>`row_number() over (partition by service_items.department_code order by service_items.code)`.as('position'),
    ])
    .where('department_code', 'in', departmentCodes)
    .where((eb) => itemConditions(eb, filter, { dialect: dialectOf(db), ignoreDepartment: true }));
  if (page.after !== undefined) numbered = numbered.where('code', '>', page.after);
  const [rows, totals] = await Promise.all([
    db
      .selectFrom(numbered.as('numbered'))
      .innerJoin('service_items', 'service_items.code', 'numbered.code')
      .selectAll('service_items')
      .where('numbered.position', '<=', page.size + 1)
      .orderBy('service_items.department_code')
      .orderBy('service_items.code')
      .execute(),
    db
      .selectFrom('service_items')
      .select((eb) => ['department_code', eb.fn.countAll<number>().as('n')])
      .where('department_code', 'in', departmentCodes)
      .where((eb) => itemConditions(eb, filter, { dialect: dialectOf(db), ignoreDepartment: true }))
      .groupBy('department_code')
      .execute(),
  ]);
  const byDepartment = new Map<string, ServiceItemRow[]>();
  for (const row of rows) {
    const list = byDepartment.get(row.department_code);
    if (list) list.push(row);
    else byDepartment.set(row.department_code, [row]);
  }
  const totalOf = new Map(totals.map((t) => [t.department_code, Number(t.n)]));
  return departmentCodes.map((code) => ({
    department_code: code,
    connection: toConnection(byDepartment.get(code) ?? [], page.size, (r) => r.code, totalOf.get(code) ?? 0),
  }));
}

export interface ItemFigures {
  department_code: string;
  total: number;
  applicationBased: number;
  onlineAvailable: number;
}

/** Catalogue figures per department as of a day, one GROUP BY for all the departments asked. */
export async function itemFiguresByDepartment(
  db: Kysely<Database>,
  departmentCodes: readonly string[],
  asOf: string,
): Promise<ItemFigures[]> {
  const rows = await db
    .selectFrom('service_items')
    .select((eb) => [
      'department_code',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>('application_based').as('applicationBased'),
      eb.fn.sum<number>(sql`case when application_based = 1 and online_available = 1 then 1 else 0 end`).as('onlineAvailable'),
    ])
    .where('department_code', 'in', departmentCodes)
    .where('effective_from', '<=', asOf)
    .groupBy('department_code')
    .execute();
  return rows.map((r) => ({
    department_code: r.department_code,
    total: Number(r.total),
    applicationBased: Number(r.applicationBased),
    onlineAvailable: Number(r.onlineAvailable),
  }));
}

export async function crossRegionScopesOf(
  db: Kysely<Database>,
  itemCodes: readonly string[],
): Promise<{ item_code: string; scope: CrossRegionScope }[]> {
  return db
    .selectFrom('item_cross_region')
    .select(['item_code', 'scope'])
    .where('item_code', 'in', itemCodes)
    .orderBy('item_code')
    .orderBy('scope')
    .execute();
}

export async function channelsOf(
  db: Kysely<Database>,
  itemCodes: readonly string[],
): Promise<{ item_code: string; channel: ServiceChannelCode }[]> {
  return db
    .selectFrom('item_channels')
    .select(['item_code', 'channel'])
    .where('item_code', 'in', itemCodes)
    .orderBy('item_code')
    .orderBy('channel', 'desc') // 粤省事 before 粤商通, the order the province lists them in
    .execute();
}

export interface LicenceFigures {
  items: number;
  timeReductionRate: number;
  visitRate: number;
  oneWindowRate: number;
  instantRate: number;
  onlineRate: number;
}

export interface CatalogFigures {
  totalItems: number;
  applicationBasedItems: number;
  onlineApplicationItems: number;
  onlineRate: number;
  hallCoverageRate: number;
  platformApprovableItems: number;
  licences: LicenceFigures;
  cityLevelLicences: LicenceFigures;
}

interface LicenceSums {
  items: number;
  statutory: number;
  promised: number;
  visits: number;
  oneWindow: number;
  instant: number;
  online: number;
}

// The SDL declares these rates non-null; an empty catalogue (a day before any item) reports 0.
function licenceFigures(s: LicenceSums): LicenceFigures {
  return {
    items: s.items,
    timeReductionRate: s.statutory > 0 ? 1 - s.promised / s.statutory : 0,
    visitRate: rate(s.visits, s.items) ?? 0,
    oneWindowRate: rate(s.oneWindow, s.items) ?? 0,
    instantRate: rate(s.instant, s.items) ?? 0,
    onlineRate: rate(s.online, s.items) ?? 0,
  };
}

/** The catalogue as it stood on `asOf`: two aggregate queries over the items in force. */
export async function catalogFigures(db: Kysely<Database>, asOf: string): Promise<CatalogFigures> {
  const [totals, licences] = await Promise.all([
    db
      .selectFrom('service_items')
      .select((eb) => [
        eb.fn.countAll<number>().as('total'),
        eb.fn.sum<number>('application_based').as('applicationBased'),
        eb.fn.sum<number>(sql`case when application_based = 1 and online_available = 1 then 1 else 0 end`).as('online'),
        eb.fn.sum<number>(sql`case when application_based = 1 or kind = 'PUBLIC_SERVICE' then 1 else 0 end`).as('hallScope'),
        eb.fn
          .sum<number>(sql`case when (application_based = 1 or kind = 'PUBLIC_SERVICE') and stationed_in_hall = 1 then 1 else 0 end`)
          .as('inHall'),
        eb.fn.sum<number>('platform_approvable').as('approvable'),
      ])
      .where('effective_from', '<=', asOf)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('service_items')
      .select((eb) => [
        'level',
        eb.fn.countAll<number>().as('items'),
        eb.fn.sum<number>('statutory_days').as('statutory'),
        eb.fn.sum<number>('promised_days').as('promised'),
        eb.fn.sum<number>('required_visits').as('visits'),
        eb.fn.sum<number>('one_window_acceptance').as('oneWindow'),
        eb.fn.sum<number>('instant').as('instant'),
        eb.fn.sum<number>('online_available').as('online'),
      ])
      .where('kind', '=', 'ADMINISTRATIVE_LICENSE')
      .where('effective_from', '<=', asOf)
      .groupBy('level')
      .execute(),
  ]);
  const empty: LicenceSums = { items: 0, statutory: 0, promised: 0, visits: 0, oneWindow: 0, instant: 0, online: 0 };
  const all = { ...empty };
  let city = { ...empty };
  for (const row of licences) {
    const sums: LicenceSums = {
      items: Number(row.items),
      statutory: Number(row.statutory),
      promised: Number(row.promised),
      visits: Number(row.visits),
      oneWindow: Number(row.oneWindow),
      instant: Number(row.instant),
      online: Number(row.online),
    };
    for (const key of Object.keys(all) as (keyof LicenceSums)[]) all[key] += sums[key];
    if (row.level === 'CITY') city = sums;
  }
  const applicationBased = Number(totals.applicationBased ?? 0);
  const online = Number(totals.online ?? 0);
  return {
    totalItems: Number(totals.total),
    applicationBasedItems: applicationBased,
    onlineApplicationItems: online,
    onlineRate: rate(online, applicationBased) ?? 0,
    hallCoverageRate: rate(Number(totals.inHall ?? 0), Number(totals.hallScope ?? 0)) ?? 0,
    platformApprovableItems: Number(totals.approvable ?? 0),
    licences: licenceFigures(all),
    cityLevelLicences: licenceFigures(city),
  };
}

/** Items handled in the city service center, as the catalogue stood on `asOf`. */
export async function centerItemCount(db: Kysely<Database>, asOf: string): Promise<number> {
  const row = await db
    .selectFrom('service_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('stationed_in_center', '=', 1)
    .where('effective_from', '<=', asOf)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
