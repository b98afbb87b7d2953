/**
 * A small handcrafted database for the unit tests: a handful of departments, items,
 * applications and so on whose figures can be worked out by hand (see the comments below), and
 * a way to run GraphQL operations against the real subgraph schema over it, counting the SQL.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Insertable, Kysely } from 'kysely';
import { buildSchemaFor, directory, openScratchDatabase, type ServiceItemKind, type Viewer } from '@govgraph/core';
import { createContext } from './context.js';
import { resolvers } from './resolvers/index.js';
import { refreshApplicationRollup } from './store/application-rollup.js';
import { applicationNumber } from './store/applications.js';
import { continueApplicationIds, migrations } from './store/migrations.js';
import type { Database, ServiceItemTable } from './store/schema.js';
import { DELEGATION_BATCHES, regionAncestorRows } from './store/seed.js';

const dir = directory();
const cityDepartments = dir.departments.filter((d) => d.level === 'CITY');
const county = dir.departments.find((d) => d.level === 'COUNTY' && d.regionCode === '440802')!;

/** Real directory codes (argument validation checks department and region codes against the directory). */
export const DEPT = {
  /** Stationed in the center. */
  d1: cityDepartments[0]!.code,
  /** Stationed in the center. */
  d2: cityDepartments[1]!.code,
  /** Not stationed. */
  d3: cityDepartments.find((d) => !d.stationedInCenter)!.code,
  /** A county (赤坎区) department. */
  d4: county.code,
};

function itemOf(departmentCode: string, accept: (kind: ServiceItemKind) => boolean, nth = 0): string {
  const found = dir.items.filter((i) => i.departmentCode === departmentCode && accept(i.kind))[nth];
  if (!found) throw new Error(`the directory has no such item for ${departmentCode}`);
  return found.code;
}
const licence = (k: ServiceItemKind) => k === 'ADMINISTRATIVE_LICENSE';
const otherApplication = (k: ServiceItemKind) => k !== 'ADMINISTRATIVE_LICENSE' && k !== 'PUBLIC_SERVICE';

export const ITEM = {
  a: itemOf(DEPT.d1, licence, 0),
  b: itemOf(DEPT.d1, licence, 1),
  c: itemOf(DEPT.d1, otherApplication),
  d: itemOf(DEPT.d2, (k) => k === 'PUBLIC_SERVICE'),
  e: itemOf(DEPT.d3, licence),
  f: itemOf(DEPT.d4, licence),
  g: itemOf(DEPT.d4, otherApplication),
};

export const REGION = {
  city: '440800',
  chikan: '440802',
  xiashan: '440803',
  township: '440802001',
  village1: '440802001001',
  village2: '440802001002',
};

type ItemOverrides = Partial<Insertable<ServiceItemTable>> & { code: string };

function item(o: ItemOverrides): Insertable<ServiceItemTable> {
  const entry = dir.itemByCode.get(o.code)!;
  return {
    name: entry.name,
    kind: entry.kind,
    application_based: entry.applicationBased ? 1 : 0,
    department_code: entry.departmentCode,
    level: entry.level,
    region_code: entry.regionCode,
    statutory_days: 20,
    promised_days: 0,
    required_visits: 0,
    online_available: 0,
    instant: 0,
    one_window_acceptance: 1,
    stationed_in_hall: 1,
    stationed_in_center: 0,
    platform_approvable: 0,
    effective_from: '2020-01-01',
    ...o,
  };
}

/**
 * As of 2021-12-31 (E enters the catalogue only in 2022):
 *   items A B C D F G = 6; application-based A B C F G = 5; online among them A C F = 3 (0.6);
 *   hall scope 6, in a hall 5 (F is not); platform-approvable A B C F = 4.
 *   licences A B F: Σ statutory 80, Σ promised 5 → 0.9375; visits 1/3; one window 3/3;
 *   instant A F 2/3; online A F 2/3. City licences A B: 0.875, 0.5, 1, 0.5, 0.5.
 */
export const ITEMS: Insertable<ServiceItemTable>[] = [
  item({ code: ITEM.a, name: '企业设立登记（100%_特殊）', statutory_days: 20, promised_days: 0, instant: 1, online_available: 1, stationed_in_center: 1, platform_approvable: 1, effective_from: '2019-05-01' }),
  item({ code: ITEM.b, name: '施工许可证核发', statutory_days: 20, promised_days: 5, required_visits: 1, stationed_in_center: 1, platform_approvable: 1 }),
  item({ code: ITEM.c, name: '医疗费用报销 100 percent', statutory_days: 30, promised_days: 10, online_available: 1, platform_approvable: 1, effective_from: '2021-06-01' }),
  item({ code: ITEM.d, name: '社会保障卡申领咨询服务', statutory_days: 5, promised_days: 1, online_available: 1, stationed_in_center: 1, effective_from: '2018-01-01' }),
  item({ code: ITEM.e, name: '烟草专卖零售许可', statutory_days: 10, promised_days: 2, online_available: 1, platform_approvable: 1, effective_from: '2022-03-01' }),
  item({ code: ITEM.f, name: 'a_b 排污许可', statutory_days: 40, promised_days: 0, instant: 1, online_available: 1, stationed_in_hall: 0, platform_approvable: 1 }),
  item({ code: ITEM.g, name: '不动产登记', statutory_days: 20, promised_days: 4 }),
];

/**
 * Applications. In 2021 (rows 1-6): handled 6, completed 5, rated 5, satisfied (rating ≥ 3) 3.
 * D1: 4 / 3 / 3 / 2. D2: 2 / 2 / 2 / 1. January: rows 1 and 2. HALL: 1, 3, 5. Item B: 3, 4.
 */
const APPLICATIONS = [
  { id: 1, item_code: ITEM.a, department_code: DEPT.d1, channel: 'HALL', submitted_at: '2021-01-04T09:00:00+08:00', completed_at: '2021-01-04T09:20:00+08:00', rating: 5 },
  { id: 2, item_code: ITEM.a, department_code: DEPT.d1, channel: 'ONLINE', submitted_at: '2021-01-31T23:59:59+08:00', completed_at: '2021-02-01T08:00:00+08:00', rating: 2 },
  { id: 3, item_code: ITEM.b, department_code: DEPT.d1, channel: 'HALL', submitted_at: '2021-02-01T00:00:00+08:00', completed_at: null, rating: null },
  { id: 4, item_code: ITEM.b, department_code: DEPT.d1, channel: 'KIOSK', submitted_at: '2021-02-15T10:00:00+08:00', completed_at: '2021-02-20T10:00:00+08:00', rating: 3 },
  { id: 5, item_code: ITEM.d, department_code: DEPT.d2, channel: 'HALL', submitted_at: '2021-03-01T10:00:00+08:00', completed_at: '2021-03-01T10:05:00+08:00', rating: 4 },
  { id: 6, item_code: ITEM.d, department_code: DEPT.d2, channel: 'ONLINE', submitted_at: '2021-12-31T23:00:00+08:00', completed_at: '2021-12-31T23:30:00+08:00', rating: 1 },
  { id: 7, item_code: ITEM.a, department_code: DEPT.d1, channel: 'HALL', submitted_at: '2020-12-31T16:00:00+08:00', completed_at: '2020-12-31T16:10:00+08:00', rating: 5 },
  { id: 8, item_code: ITEM.d, department_code: DEPT.d2, channel: 'HALL', submitted_at: '2022-01-01T00:00:00+08:00', completed_at: '2022-01-01T00:10:00+08:00', rating: 5 },
] as const;

export async function insertFixture(db: Kysely<Database>): Promise<void> {
  const regions = [REGION.city, REGION.chikan, REGION.xiashan, REGION.township, REGION.village1, REGION.village2].map((code) => {
    const r = dir.regionByCode.get(code)!;
    const since: Record<string, string | null> = {
      [REGION.township]: '2020-10-10',
      [REGION.village1]: '2021-02-01',
      [REGION.village2]: null,
    };
    return { code, name: r.name, level: r.level, parent_code: r.parentCode, platform_since: code in since ? since[code]! : '2020-06-30' };
  });
  await db.insertInto('regions').values(regions).execute();
  await db.insertInto('region_ancestors').values(regionAncestorRows(regions.map((r) => ({ code: r.code, parentCode: r.parent_code })))).execute();
  await db
    .insertInto('departments')
    .values(
      Object.values(DEPT).map((code) => {
        const d = dir.departmentByCode.get(code)!;
        return { code, name: d.name, short_name: d.shortName, level: d.level, region_code: d.regionCode, stationed_in_center: d.stationedInCenter ? 1 : 0 };
      }),
    )
    .execute();
  await db.insertInto('service_items').values(ITEMS).execute();
  await db.insertInto('applications').values(APPLICATIONS.map((a) => ({ ...a, number: applicationNumber(a.id) }))).execute();
  // Explicit ids, as the seed writes them: new ones (an import's) continue after them.
  await continueApplicationIds(db);
  await refreshApplicationRollup(db);
  await db.insertInto('delegation_batches').values([...DELEGATION_BATCHES]).execute();
  const entry = (id: number, level: 'CITY' | 'COUNTY', department: string, extra: object) => ({
    id,
    code: `QZTEST${id}`,
    name: `权责事项${id}`,
    category: '行政处罚',
    level,
    department_code: department,
    item_code: null,
    delegation_batch: null,
    effective_from: '2020-01-01',
    repealed_on: null,
    ...extra,
  });
  // In force on 2021-12-31: CITY e1 e2 (e3 repealed in June, e4 only from 2022); COUNTY e5 e6 e7.
  await db
    .insertInto('power_list_entries')
    .values([
      entry(1, 'CITY', DEPT.d1, { category: '行政许可', item_code: ITEM.a, delegation_batch: 1 }),
      entry(2, 'CITY', DEPT.d1, {}),
      entry(3, 'CITY', DEPT.d3, { effective_from: '2019-01-01', repealed_on: '2021-06-01' }),
      entry(4, 'CITY', DEPT.d3, { effective_from: '2022-01-05' }),
      entry(5, 'COUNTY', DEPT.d4, { delegation_batch: 2 }),
      entry(6, 'COUNTY', DEPT.d4, { delegation_batch: 3 }),
      entry(7, 'COUNTY', DEPT.d4, {}),
    ])
    .execute();
  await db
    .insertInto('item_cross_region')
    .values([
      { item_code: ITEM.a, scope: 'WITHIN_CITY', since: '2020-06-01' },
      { item_code: ITEM.a, scope: 'GUANGZHOU_WINDOW', since: '2021-05-01' },
      { item_code: ITEM.b, scope: 'WITHIN_CITY', since: '2022-01-10' },
      { item_code: ITEM.c, scope: 'CROSS_PROVINCE_INBOUND', since: '2021-07-01' },
      { item_code: ITEM.f, scope: 'CROSS_PROVINCE_OUTBOUND', since: '2021-02-01' },
    ])
    .execute();
  await db
    .insertInto('partner_cities')
    .values([
      { name: '海口', province: '海南省', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2021-03-18' },
      { name: '广州', province: '广东省', kind: 'CROSS_REGION_MECHANISM', since: '2020-12-10' },
      { name: '三亚', province: '海南省', kind: 'CROSS_PROVINCE_AGREEMENT', since: '2022-02-01' },
    ])
    .execute();
  await db
    .insertInto('item_channels')
    .values([
      { item_code: ITEM.a, channel: 'YUESHANGTONG', since: '2020-03-01' },
      { item_code: ITEM.c, channel: 'YUESHENGSHI', since: '2021-03-01' },
      { item_code: ITEM.d, channel: 'YUESHENGSHI', since: '2022-02-01' },
    ])
    .execute();
  await db
    .insertInto('channel_statistics')
    .values([
      { channel: 'YUESHANGTONG', year: 2021, name: '粤商通', certificate_businesses: null, registered_users: null, registered_entities: 3, total_entities: 4 },
      { channel: 'YUESHENGSHI', year: 2021, name: '粤省事', certificate_businesses: 7, registered_users: 1000, registered_entities: null, total_entities: null },
    ])
    .execute();
  await db
    .insertInto('channel_service_domains')
    .values([
      { channel: 'YUESHANGTONG', year: 2021, position: 2, domain: '银行开户' },
      { channel: 'YUESHANGTONG', year: 2021, position: 1, domain: '企业注册登记' },
    ])
    .execute();
  // Kiosk counts: city 4, 赤坎区 4, 霞山区 0, township 4, village1 2, village2 1; in service by 2021-12-31: 3.
  await db
    .insertInto('kiosks')
    .values([
      { id: 'K1', region_code: REGION.township, site: '和新街道政务服务中心', installed_on: '2021-01-10' },
      { id: 'K2', region_code: REGION.village1, site: '党群服务中心', installed_on: '2021-05-01' },
      { id: 'K3', region_code: REGION.village1, site: '便民服务站', installed_on: '2022-01-02' },
      { id: 'K4', region_code: REGION.village2, site: '党群服务中心', installed_on: '2020-09-01' },
    ])
    .execute();
  await db
    .insertInto('service_halls')
    .values([
      { code: 'DT440800', name: '湛江市行政服务中心', level: 'CITY', region_code: REGION.city, rating_enabled: 1 },
      { code: 'DT440802', name: '赤坎区政务服务中心', level: 'COUNTY', region_code: REGION.chikan, rating_enabled: 1 },
      { code: 'DT440802001', name: '和新街道便民服务中心', level: 'TOWNSHIP', region_code: REGION.township, rating_enabled: 0 },
    ])
    .execute();
}

export interface TestGraph {
  db: Kysely<Database>;
  /** SQL statements run since the last `run`. */
  queries: string[];
  /** Runs an operation as `viewer` (default: the public caller, no scopes). */
  run<T = any>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<{ data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
}

/** The subgraph's schema over a fresh database (see openScratchDatabase), optionally filled with the fixture. */
export async function createTestGraph(options: { fixture?: boolean } = {}): Promise<TestGraph> {
  const queries: string[] = [];
  // In memory, or a fresh PostgreSQL schema in the PostgreSQL test run.
  const db = await openScratchDatabase<Database>({
    subgraph: 'service-items',
    migrations,
    onQuery: (e) => {
      if (e.level === 'query') queries.push(e.query.sql);
    },
  });
  if (options.fixture ?? true) await insertFixture(db);
  const server = new ApolloServer({
    schema: buildSchemaFor('service-items', resolvers),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  // Started here, not lazily by the first operation, so `close` works for a test that never runs one.
  await server.start();
  return {
    db,
    queries,
    async run(query, variables, viewer) {
      queries.length = 0;
      const contextValue = { ...createContext(db), ...(viewer ? { viewer } : {}) };
      const response = await server.executeOperation({ query, variables: variables ?? {} }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors } = response.body.singleResult;
      return { ...(data ? { data: data as never } : {}), ...(errors ? { errors } : {}) };
    },
    async close() {
      await server.stop();
      await db.destroy();
    },
  };
}
