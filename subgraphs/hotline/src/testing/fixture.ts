/**
 * A small hand-made hotline database for unit tests: seven orders whose every statistic can be
 * worked out by hand (see the table below), served by the real schema and resolvers in-process.
 *
 *  id  received            place (county/township/village)  category     channel  disposition  minutes  rating
 *  1   2021-01-05 09:00    440802 / 440802001 / …001001     CONSULTATION PHONE    direct           4    SATISFIED   item A
 *  2   2021-01-20 10:00    440802 / 440802001               COMPLAINT    PHONE    → dept 1      1500    DISSATISFIED
 *  3   2021-02-03 11:00    440802 / 440802002               HELP         WECHAT   direct           6    —
 *  4   2021-02-14 08:00    440881 / 440881001 / …001001     REPORT       WEB      → dept 2      3000    SATISFIED   item A
 *  5   2021-04-01 12:00    440881 / 440881001               CONSULTATION PHONE    direct           2    BASIC
 *  6   2021-04-30 23:59:59 440881 / 440881001 / …001001     COMPLAINT    PHONE    → dept 1   (open, not replied)
 *  7   2021-05-10 08:00    440802 / 440802001 / …001001     SUGGESTION   APP      direct          10    SATISFIED
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Insertable, Kysely, LogEvent } from 'kysely';
import { ALL_SCOPES, buildSchemaFor, directory, openScratchDatabase, viewerWith, type Viewer } from '@govgraph/core';
import { createContext, type Context } from '../context.js';
import { resolvers } from '../resolvers/index.js';
import { migrations } from '../store/migrations.js';
import { refreshRollup } from '../store/rollup.js';
import type { Database, MergedHotlineTable, WorkOrderTable } from '../store/schema.js';

const cityDepartment = directory().departments.find((d) => d.level === 'CITY')!;
const countyDepartment = directory().departments.find((d) => d.level === 'COUNTY' && d.regionCode === '440881')!;

export const FIXTURE = {
  department1: cityDepartment.code,
  department2: countyDepartment.code,
  itemA: directory().items[0]!.code,
  /** A village of the directory with no orders in the fixture. */
  quietVillage: '440825001001',
} as const;

interface OrderSpec {
  n: number;
  at: string;
  region: string;
  category: WorkOrderTable['category'];
  channel: WorkOrderTable['channel'];
  department?: string;
  item?: string;
  minutes: number | null;
  rating?: WorkOrderTable['rating'];
  replied?: boolean;
}

const SPECS: OrderSpec[] = [
  { n: 1, at: '2021-01-05T09:00:00', region: '440802001001', category: 'CONSULTATION', channel: 'PHONE', minutes: 4, rating: 'SATISFIED', item: FIXTURE.itemA },
  { n: 2, at: '2021-01-20T10:00:00', region: '440802001', category: 'COMPLAINT', channel: 'PHONE', department: FIXTURE.department1, minutes: 1500, rating: 'DISSATISFIED' },
  { n: 3, at: '2021-02-03T11:00:00', region: '440802002', category: 'HELP', channel: 'WECHAT', minutes: 6 },
  { n: 4, at: '2021-02-14T08:00:00', region: '440881001001', category: 'REPORT', channel: 'WEB', department: FIXTURE.department2, minutes: 3000, rating: 'SATISFIED', item: FIXTURE.itemA },
  { n: 5, at: '2021-04-01T12:00:00', region: '440881001', category: 'CONSULTATION', channel: 'PHONE', minutes: 2, rating: 'BASIC' },
  { n: 6, at: '2021-04-30T23:59:59', region: '440881001001', category: 'COMPLAINT', channel: 'PHONE', department: FIXTURE.department1, minutes: null, replied: false },
  { n: 7, at: '2021-05-10T08:00:00', region: '440802001001', category: 'SUGGESTION', channel: 'APP', minutes: 10, rating: 'SATISFIED' },
];

function addMinutes(at: string, minutes: number): string {
  return `${new Date(Date.parse(`${at}Z`) + minutes * 60_000).toISOString().slice(0, 19)}+08:00`;
}

export function fixtureOrders(): Insertable<WorkOrderTable>[] {
  return SPECS.map((s) => ({
    id: `WO2021${String(s.n).padStart(7, '0')}`,
    received_at: `${s.at}+08:00`,
    channel: s.channel,
    category: s.category,
    summary: `测试工单${s.n}`,
    region_code: s.region,
    county_code: s.region.slice(0, 6),
    township_code: s.region.slice(0, 9),
    disposition: s.department ? 'DISPATCHED' : 'DIRECT_REPLY',
    department_code: s.department ?? null,
    item_code: s.item ?? null,
    replied_at: s.replied === false ? null : addMinutes(s.at, Math.min(s.minutes ?? 60, 60)),
    completed_at: s.minutes === null ? null : addMinutes(s.at, s.minutes),
    handling_minutes: s.minutes,
    rating: s.rating ?? null,
    caller_name: `来电人${s.n}`,
    caller_phone: `1380000000${s.n}`,
  }));
}

const MERGED: Insertable<MergedHotlineTable>[] = [
  { number: '12369', name: '环保举报热线', department_code: FIXTURE.department2, merged_on: '2020-12-31' },
  { number: '12315', name: '消费者投诉举报热线', department_code: FIXTURE.department1, merged_on: '2020-09-30' },
];

export interface FixtureGraph {
  /** Runs an operation; returns `data` and `errors` of the single result. */
  execute(query: string, variables?: Record<string, unknown>): Promise<{ data: any; errors?: readonly any[] }>;
  /** SQL statements the database ran since the last `execute`. */
  queries: string[];
  close(): Promise<void>;
}

/**
 * An empty, migrated database that records the SQL it runs into `queries`: in memory, or a fresh
 * PostgreSQL schema in the PostgreSQL test run (core's openScratchDatabase).
 */
export async function memoryDatabase(queries: string[] = []): Promise<Kysely<Database>> {
  return openScratchDatabase<Database>({
    subgraph: 'hotline',
    migrations,
    onQuery: (e: LogEvent) => {
      if (e.level === 'query') queries.push(e.query.sql);
    },
  });
}

/** The fixture graph, executed as a caller holding every scope unless `viewer` says otherwise. */
export async function fixtureGraph(viewer?: Viewer): Promise<FixtureGraph> {
  const queries: string[] = [];
  const db = await memoryDatabase(queries);
  await db.insertInto('work_orders').values(fixtureOrders()).execute();
  await db.insertInto('merged_hotlines').values(MERGED).execute();
  await refreshRollup(db);
  return graphOver(db, queries, viewer);
}

/** The subgraph's schema and resolvers over `db`, executed in-process. */
export function graphOver(db: Kysely<Database>, queries: string[], viewer: Viewer = viewerWith(ALL_SCOPES)): FixtureGraph {
  const server = new ApolloServer<Context>({
    schema: buildSchemaFor('hotline', resolvers),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const context = ({ requestId }: { requestId: string }) => createContext(db, requestId);
  return {
    queries,
    async execute(query, variables) {
      queries.length = 0;
      const response = await server.executeOperation(
        { query, variables },
        { contextValue: { ...(await context({ requestId: 'test' })), viewer } },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors } = response.body.singleResult;
      return { data, errors };
    },
    async close() {
      await server.stop();
      await db.destroy();
    },
  };
}
