/**
 * The dashboard scorecard (every city department with its service-item count and online rate,
 * certificates issued, cloud allocation and hotline satisfaction) must cost each subgraph a fixed,
 * small number of SQL statements, however many departments it asks for: the gateway batches the
 * departments into one `_entities` call per subgraph, and each subgraph answers a batch with one
 * statement per field. Counted through the real gateway and four real subgraph processes, from
 * the subgraphs' own slow-query logs with the threshold at 0 ms, so every statement is logged once.
 * No timing is asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBGRAPHS } from '@govgraph/core';
import { postGraphQL } from './harness/graphql.js';
import { startStack, type RunningStack } from './harness/stack.js';
import { bearer, REPORT_SCOPES } from './harness/tokens.js';

const SCORECARD = /* GraphQL */ `
  query Scorecard($first: Int!, $asOf: Date!, $from: Date!, $to: Date!) {
    departments(level: CITY, first: $first) {
      totalCount
      edges {
        node {
          code
          name
          itemStatistics(asOf: $asOf) { total onlineRate }
          certificatesIssued(from: $from, to: $to)
          cloudAllocation { vcpu memoryGb storageTb }
          hotlineStatistics(from: $from, to: $to) { received satisfactionRate medianHandlingHours }
        }
      }
    }
  }
`;

const SLOW_QUERY = /\bslow query [\d.]+ ms: (.*)$/;
/** The statement /health runs: the marker that a subgraph's earlier log lines have all arrived. */
const HEALTH_CHECK = 'select 1';

let stack: RunningStack;
/** Each subgraph's logged SQL statements, in order. */
const statements = new Map<string, string[]>();

beforeAll(async () => {
  stack = await startStack(600_000, { GOVGRAPH_SLOW_QUERY_MS: '0' });
  for (const proc of stack.processes) {
    const logged: string[] = [];
    statements.set(proc.name, logged);
    proc.onLine((line) => {
      const match = SLOW_QUERY.exec(line);
      if (match) logged.push(match[1]!);
    });
  }
});

afterAll(async () => {
  await stack?.stop();
});

/** Waits until every subgraph has logged its health check: all it logged before is in. */
async function settled(): Promise<void> {
  await Promise.all(
    SUBGRAPHS.map(async ({ name }) => {
      const logged = statements.get(name)!;
      const from = logged.length;
      const health = await fetch(stack.subgraphUrls[name]!.replace(/\/graphql$/, '/health'));
      expect(health.status).toBe(200);
      for (let waited = 0; !logged.slice(from).includes(HEALTH_CHECK); waited += 20) {
        if (waited > 10_000) throw new Error(`${name} never logged its health check`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }),
  );
}

/** The statements each subgraph ran for one scorecard of `first` departments. */
async function statementsFor(first: number): Promise<{ departments: number; bySubgraph: Record<string, string[]> }> {
  await settled();
  const marks = new Map(SUBGRAPHS.map(({ name }) => [name, statements.get(name)!.length]));
  const variables = { first, asOf: '2021-12-31', from: '2021-01-01', to: '2021-12-31' };
  const { status, body } = await postGraphQL(stack.gatewayUrl, SCORECARD, variables, await bearer(REPORT_SCOPES));
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  await settled();
  const bySubgraph: Record<string, string[]> = {};
  for (const { name } of SUBGRAPHS) {
    bySubgraph[name] = statements.get(name)!.slice(marks.get(name)).filter((sql) => sql !== HEALTH_CHECK);
  }
  return { departments: body.data.departments.edges.length, bySubgraph };
}

describe('the scorecard’s SQL', () => {
  it('is the same few statements per subgraph for 5 departments as for all 68', async () => {
    const few = await statementsFor(5);
    const all = await statementsFor(100);
    expect(few.departments).toBe(5);
    expect(all.departments).toBe(68);
    for (const { name } of SUBGRAPHS) {
      // Compared statement by statement (the SQL text, parameters aside), so a statement per
      // department would show up, as would one more statement when there are more departments.
      const shape = (sqls: string[]) => sqls.map((sql) => sql.replace(/…\d+ parameters/g, '…'));
      expect(shape(all.bySubgraph[name]!).sort(), name).toEqual(shape(few.bySubgraph[name]!).sort());
      expect(all.bySubgraph[name]!.length, name).toBeGreaterThan(0);
      expect(all.bySubgraph[name]!.length, name).toBeLessThanOrEqual(3);
    }
  });
});
