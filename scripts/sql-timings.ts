/**
 * `npm run bench:sql [-- --subgraph hotline] [--runs 15] [--warmup 20] [--budget-ms 3000] [--json FILE]`
 *
 * Times every statistic inside each subgraph, with no HTTP and no gateway in between: opens the
 * subgraph's seeded 2021 database (run `npm start` once first), executes each operation of
 * sql-timing-operations.ts in-process against the subgraph's own schema and resolvers, and prints
 * per operation the number of SQL statements, the median and maximum time of the whole operation,
 * the median time spent in SQL and the slowest statement. A subgraph in service runs its code
 * warm, so each operation first runs `--warmup` times untimed (the JIT and the page cache settle).
 * Bounded: each operation then runs at most `--runs` times and stops early once `--budget-ms` of
 * its runs have passed.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Kysely, LogEvent } from 'kysely';
import {
  ALL_SCOPES,
  buildSchemaFor,
  migrateToLatest,
  openDatabase,
  SUBGRAPHS,
  viewerWith,
  type SubgraphDefinition,
  type SubgraphName,
} from '@govgraph/core';
import { subgraph as serviceItems } from '@govgraph/service-items';
import { subgraph as certificates } from '@govgraph/certificates';
import { subgraph as cloud } from '@govgraph/cloud';
import { subgraph as hotline } from '@govgraph/hotline';
import { TIMED_OPERATIONS, type TimedOperation } from './sql-timing-operations.js';

const DEFINITIONS: Record<SubgraphName, SubgraphDefinition<any, any>> = {
  'service-items': serviceItems,
  certificates,
  cloud,
  hotline,
};

const { values } = parseArgs({
  options: {
    subgraph: { type: 'string', multiple: true },
    runs: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '20' },
    'budget-ms': { type: 'string', default: '3000' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  console.log('Usage: npm run bench:sql -- [--subgraph NAME]... [--runs 15] [--warmup 20] [--budget-ms 3000] [--json FILE]');
  process.exit(0);
}

const runs = Math.max(1, Number(values.runs));
const warmup = Math.max(0, Number(values.warmup));
const budgetMs = Math.max(0, Number(values['budget-ms']));
const chosen = (values.subgraph ?? SUBGRAPHS.map((s) => s.name)) as SubgraphName[];
for (const name of chosen) {
  if (!DEFINITIONS[name]) throw new Error(`unknown subgraph ${name}; one of ${Object.keys(DEFINITIONS).join(', ')}`);
}

interface OperationTiming {
  subgraph: SubgraphName;
  operation: string;
  runs: number;
  queries: number;
  medianMs: number;
  maxMs: number;
  medianSqlMs: number;
  slowestSqlMs: number;
  slowestSql: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Statement {
  sql: string;
  ms: number;
}

async function timeSubgraph(name: SubgraphName): Promise<OperationTiming[]> {
  const definition = DEFINITIONS[name];
  let statements: Statement[] = [];
  const { db } = openDatabase<any>({
    subgraph: name,
    onQuery: (event: LogEvent) => statements.push({ sql: event.query.sql, ms: event.queryDurationMillis }),
  });
  try {
    // A database from before the latest migrations is brought up to date, as a start would.
    await migrateToLatest(db, definition.migrations);
    await assertSeeded(db, name);
    const server = new ApolloServer<any>({
      schema: buildSchemaFor(name, definition.resolvers),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    const viewer = viewerWith(ALL_SCOPES);
    const execute = async (operation: TimedOperation) => {
      const response = await server.executeOperation(
        { query: operation.query, variables: operation.variables ?? {} },
        { contextValue: { ...definition.createContext(db, 'sql-timings'), viewer } },
      );
      if (response.body.kind !== 'single') throw new Error(`${operation.name}: expected a single result`);
      const { errors } = response.body.singleResult;
      if (errors?.length) throw new Error(`${operation.name}: ${errors.map((e) => e.message).join('; ')}`);
    };
    const timings: OperationTiming[] = [];
    for (const operation of TIMED_OPERATIONS[name]) {
      const warmStarted = performance.now();
      for (let i = 0; i < warmup && (i === 0 || performance.now() - warmStarted < budgetMs); i++) await execute(operation);
      const totals: number[] = [];
      const sqlTotals: number[] = [];
      let queries = 0;
      let slowest: Statement = { sql: '', ms: 0 };
      const started = performance.now();
      while (totals.length < runs && (totals.length === 0 || performance.now() - started < budgetMs)) {
        statements = [];
        const t0 = performance.now();
        await execute(operation);
        totals.push(performance.now() - t0);
        sqlTotals.push(statements.reduce((s, q) => s + q.ms, 0));
        queries = statements.length;
        for (const q of statements) if (q.ms > slowest.ms) slowest = q;
      }
      timings.push({
        subgraph: name,
        operation: operation.name,
        runs: totals.length,
        queries,
        medianMs: median(totals),
        maxMs: Math.max(...totals),
        medianSqlMs: median(sqlTotals),
        slowestSqlMs: slowest.ms,
        slowestSql: slowest.sql.replace(/\s+/g, ' '),
      });
    }
    await server.stop();
    return timings;
  } finally {
    await db.destroy();
  }
}

async function assertSeeded(db: Kysely<any>, name: SubgraphName): Promise<void> {
  const seeded = await db
    .selectFrom('govgraph_seed')
    .select('dataset')
    .execute()
    .catch(() => []);
  if (seeded.length === 0) throw new Error(`the ${name} database is not seeded: run \`npm start\` once first`);
}

function printTable(timings: OperationTiming[]): void {
  const header = ['subgraph', 'operation', 'SQL', 'median ms', 'max ms', 'SQL ms', 'slowest SQL ms'];
  const rows = timings.map((t) => [
    t.subgraph,
    t.operation,
    String(t.queries),
    t.medianMs.toFixed(1),
    t.maxMs.toFixed(1),
    t.medianSqlMs.toFixed(1),
    t.slowestSqlMs.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

const all: OperationTiming[] = [];
for (const name of chosen) all.push(...(await timeSubgraph(name)));
printTable(all);
if (values.json) writeFileSync(values.json, `${JSON.stringify(all, null, 2)}\n`);
