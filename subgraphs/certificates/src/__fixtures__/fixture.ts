/**
 * A small handcrafted certificates database for unit tests: few enough rows that every figure
 * can be worked out by hand (the expected values are written next to the rows), with real
 * directory codes so argument validation behaves as in production.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Kysely } from 'kysely';
import { buildSchemaFor, directory, openScratchDatabase, type Viewer } from '@govgraph/core';
import { createContext } from '../context.js';
import { resolvers } from '../resolvers/index.js';
import { migrations } from '../store/migrations.js';
import type { Database } from '../store/schema.js';
import { insertDataset, type Dataset } from '../store/seed.js';

function departmentNamed(name: string): string {
  const department = directory().departments.find((d) => d.name === `湛江市${name}`);
  if (!department) throw new Error(`no department 湛江市${name}`);
  return department.code;
}

/** 市公安局: onboarded 2020-01-10, issues T1 and T2. */
export const D1 = departmentNamed('公安局');
/** 市市场监督管理局: onboarded 2021-03-01, issues T3, T4, T5, T7. */
export const D2 = departmentNamed('市场监督管理局');
/** 市审计局: a city department with no row here at all. */
export const D3 = departmentNamed('审计局');
/** 雷州市市场监督管理局: a county body with a type outside the city catalogue (T6). */
export const D4 = departmentNamed('雷州市市场监督管理局');

export const T1 = `${D1}001`;
export const T2 = `${D1}002`;
export const T3 = `${D2}001`;
export const T4 = `${D2}002`;
export const T5 = `${D2}003`;
export const T6 = `${D4}001`;
export const T7 = `${D2}004`;

const cityItems = directory().items.filter((i) => i.level === 'CITY');
export const [I1, I2, I3, I4, I5] = cityItems.slice(0, 5).map((i) => i.code) as [string, string, string, string, string];

const type = (
  code: string,
  name: string,
  department: string,
  holder: 'PERSON' | 'ORGANIZATION',
  catalogue: boolean,
  enabledOn: string | null,
  addedOn: string,
  validity: number | null = null,
) => ({
  code,
  name,
  department_code: department,
  in_city_catalog: catalogue ? 1 : 0,
  issuance_enabled: enabledOn ? 1 : 0,
  issuance_enabled_on: enabledOn,
  holder_kind: holder,
  validity_years: validity,
  added_on: addedOn,
});

export const FIXTURE: Dataset = {
  departmentOnboarding: [
    { department_code: D1, onboarded_on: '2020-01-10' },
    { department_code: D2, onboarded_on: '2021-03-01' },
  ],
  certificateTypes: [
    type(T1, '居民户口簿', D1, 'PERSON', true, '2020-02-01', '2020-01-20'),
    type(T2, '居住证', D1, 'PERSON', true, '2021-06-01', '2021-05-01', 1),
    type(T3, '营业执照', D2, 'ORGANIZATION', true, '2021-03-05', '2021-03-02'),
    type(T4, '食品经营许可证', D2, 'ORGANIZATION', true, null, '2021-04-01', 5),
    // LIKE wildcards in a name: a search for `100%` or `净_水` must match this one only.
    type(T5, '100%纯净_水证明', D2, 'ORGANIZATION', true, '2021-12-15', '2021-12-01'),
    type(T6, '小餐饮经营许可证', D4, 'ORGANIZATION', false, '2021-02-01', '2021-01-15', 3),
    // Would match `100%` and `净_水` if they were wildcards; catalogued only in 2022.
    type(T7, '1000家纯净矿水站备案', D2, 'ORGANIZATION', true, null, '2022-01-10'),
  ],
  // T1 175 (Jan 150, Feb 20, Apr 5), T2 10 (Jun 7, Dec 3), T3 110 (Mar 40, Jul 60, Dec 10): 295.
  issuanceDaily: [
    { type_code: T1, department_code: D1, day: '2021-01-04', issued: 100 },
    { type_code: T1, department_code: D1, day: '2021-01-05', issued: 50 },
    { type_code: T1, department_code: D1, day: '2021-02-10', issued: 20 },
    { type_code: T1, department_code: D1, day: '2021-04-01', issued: 5 },
    { type_code: T2, department_code: D1, day: '2021-06-02', issued: 7 },
    { type_code: T2, department_code: D1, day: '2021-12-31', issued: 3 },
    { type_code: T3, department_code: D2, day: '2021-03-08', issued: 40 },
    { type_code: T3, department_code: D2, day: '2021-07-15', issued: 60 },
    { type_code: T3, department_code: D2, day: '2021-12-30', issued: 10 },
  ],
  itemOnboarding: [
    { item_code: I1, onboarded_on: '2021-01-10' },
    { item_code: I2, onboarded_on: '2021-05-01' },
    { item_code: I3, onboarded_on: '2021-11-01' },
    { item_code: I4, onboarded_on: '2021-12-31' },
  ],
  // I1 and I2 use certificates by 2021-12-31; I3 only from 2022; I4 never; I5 is not onboarded.
  itemAcceptedTypes: [
    { item_code: I1, type_code: T3, accepted_from: '2021-03-10' },
    { item_code: I1, type_code: T1, accepted_from: '2021-02-01' },
    { item_code: I2, type_code: T3, accepted_from: '2021-05-01' },
    { item_code: I3, type_code: T2, accepted_from: '2022-01-05' },
  ],
};

export interface FixtureDatabase {
  db: Kysely<Database>;
  /** SQL statements run since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  /** Runs an operation against the subgraph schema with a fresh per-request context, as `viewer` (default: the public caller). */
  execute(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<ExecutionOutcome>;
  close(): Promise<void>;
}

export interface ExecutionOutcome {
  // Shaped by the operation; each test's assertions check it.
  data: any;
  errors: { message: string; extensions?: Record<string, unknown> }[] | undefined;
}

/** A fresh database (see openScratchDatabase) holding `dataset` (the fixture by default), and a schema to query it. */
export async function openFixture(dataset: Dataset = FIXTURE): Promise<FixtureDatabase> {
  const queries: string[] = [];
  // In memory, or a fresh PostgreSQL schema in the PostgreSQL test run.
  const db = await openScratchDatabase<Database>({
    subgraph: 'certificates',
    migrations,
    onQuery: (event) => {
      if (event.level === 'query') queries.push(event.query.sql);
    },
  });
  await db.transaction().execute((trx) => insertDataset(trx, dataset));
  queries.length = 0;
  const apollo = new ApolloServer({
    schema: buildSchemaFor('certificates', resolvers),
    // Federated traces are for the gateway; here they only add noise to the test output.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const contextFor = ({ requestId }: { requestId: string }) => createContext(db, requestId);
  return {
    db,
    queries,
    resetQueries: () => {
      queries.length = 0;
    },
    async execute(query, variables, viewer) {
      const response = await apollo.executeOperation(
        { query, ...(variables ? { variables } : {}) },
        { contextValue: { ...contextFor({ requestId: 'test' }), ...(viewer ? { viewer } : {}) } },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      const { data, errors } = response.body.singleResult;
      return { data, errors: errors as ExecutionOutcome['errors'] };
    },
    close: () => db.destroy(),
  };
}

/** The BAD_USER_INPUT error of an outcome, failing the test when there is none. */
export function badUserInputOf(outcome: ExecutionOutcome): { message: string; argument: unknown } {
  const error = outcome.errors?.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
  if (!error) throw new Error(`expected a BAD_USER_INPUT error, got ${JSON.stringify(outcome.errors)}`);
  return { message: error.message, argument: error.extensions?.argument };
}
