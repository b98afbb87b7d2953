/**
 * The graph answers the same on PostgreSQL as on its SQLite default: every operation the
 * benchmark sends through a gateway (the dashboard scorecard, the hotline trend, an item search,
 * the annual report, a single statistic) and the annual figures, sent to both graphs, must come
 * back identical — figures, rates, order of lists, names. The operations and their variables are
 * the benchmark's own (bench/src/scenarios.ts) and the figures suite's, not copies.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { openDatabase, postgresSchemaName, SUBGRAPHS } from '@govgraph/core';
import { SCENARIOS } from '../../bench/src/scenarios.js';
import { postGraphQL } from '../harness/graphql.js';
import { bearer, REPORT_SCOPES } from '../harness/tokens.js';

const ANNUAL_FIGURES = readFileSync(new URL('../operations/annual-figures.graphql', import.meta.url), 'utf8');
const YEAR_2021 = { asOf: '2021-12-31', from: '2021-01-01', to: '2021-12-31', year: 2021 };

const operations: [string, string, Record<string, unknown>][] = [
  ...Object.values(SCENARIOS)
    .filter((scenario) => scenario.via === 'gateway')
    .map((scenario) => [scenario.name, readFileSync(new URL(`../../${scenario.operationFile}`, import.meta.url), 'utf8'), scenario.variables] as [string, string, Record<string, unknown>]),
  ['annual figures', ANNUAL_FIGURES, YEAR_2021],
];

describe('the same answers on PostgreSQL as on SQLite', () => {
  it.each(operations)('%s', async (name, query, variables) => {
    // Per-system cloud detail needs cloud:read, as the benchmark's caller has.
    const headers = await bearer(REPORT_SCOPES);
    const [onPostgres, onSqlite] = await Promise.all([
      postGraphQL(inject('gatewayUrl'), query, variables, headers),
      postGraphQL(inject('sqliteGatewayUrl'), query, variables, headers),
    ]);
    expect(onSqlite.body.errors).toBeUndefined();
    expect(onPostgres.body.errors).toBeUndefined();
    const check = Object.values(SCENARIOS).find((scenario) => scenario.name === name)?.check;
    expect(check?.(onPostgres.body.data)).toBeUndefined();
    expect(onPostgres.body.data).toEqual(onSqlite.body.data);
  });
});

describe('the graph on PostgreSQL', () => {
  it('keeps each subgraph in its own schema of the one database, with the full 2021 dataset', async () => {
    const { db } = openDatabase<any>({ subgraph: 'hotline', url: inject('postgresUrl') });
    try {
      const schemas = (await db.introspection.getSchemas()).map((schema) => schema.name);
      expect(schemas).toEqual(expect.arrayContaining(SUBGRAPHS.map(({ name }) => postgresSchemaName(name))));
      // Unqualified names read the hotline's schema (its search_path), as the subgraph's queries do.
      const { orders } = await db.selectFrom('work_orders').select((eb) => eb.fn.countAll<number>().as('orders')).executeTakeFirstOrThrow();
      expect(orders).toBe(652_000);
    } finally {
      await db.destroy();
    }
  });
});
