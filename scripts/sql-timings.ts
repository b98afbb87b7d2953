/**
 * `npm run bench:sql [-- --subgraph hotline] [--runs 15] [--warmup 20] [--budget-ms 3000] [--json FILE]`
 *
 * Times every statistic inside each subgraph, with no HTTP and no gateway in between: opens the
 * subgraph's seeded 2021 database (run `npm start` once first), executes each operation of
 * sql-timing-operations.ts in-process against the subgraph's own schema and resolvers, and prints
 * per operation the number of SQL statements, the median and maximum time of the whole operation,
 * its median CPU time (steadier than the clock on a machine shared with other work: the database
 * runs in the same thread), the median time spent in SQL and the slowest statement. A subgraph in service runs its code
 * warm, so each operation first runs `--warmup` times untimed (the JIT and the page cache settle).
 * Bounded: each operation then runs at most `--runs` times and stops early once `--budget-ms` of
 * its runs have passed. `--plans` also prints, on SQLite, the query plan of every statement an
 * operation runs, to check that the hot queries use their indexes.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { CompiledQuery, type Kysely, type LogEvent } from 'kysely';
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
    plans: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});

if (values.help) {
  console.log('Usage: npm run bench:sql -- [--subgraph NAME]... [--runs 15] [--warmup 20] [--budget-ms 3000] [--json FILE] [--plans]');
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
  medianCpuMs: number;
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
  parameters: readonly unknown[];
  ms: number;
}

/** SQLite's plan of each distinct statement, one line per step, for `--plans`. */
async function printPlans(db: Kysely<any>, operation: string, statements: readonly Statement[]): Promise<void> {
  const seen = new Set<string>();
  for (const statement of statements) {
    if (seen.has(statement.sql)) continue;
    seen.add(statement.sql);
    const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${statement.sql}`, [...statement.parameters]));
    console.log(`\n[${operation}] ${statement.sql.replace(/\s+/g, ' ').slice(0, 240)}`);
    for (const step of plan.rows) console.log(`    ${step.detail}`);
  }
}

async function timeSubgraph(name: SubgraphName): Promise<OperationTiming[]> {
  const definition = DEFINITIONS[name];
  let statements: Statement[] = [];
  const { db, dialect } = openDatabase<any>({
    subgraph: name,
    onQuery: (event: LogEvent) =>
      statements.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis }),
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
      const cpuTotals: number[] = [];
      const sqlTotals: number[] = [];
      let queries = 0;
      let slowest: Statement = { sql: '', parameters: [], ms: 0 };
      let last: Statement[] = [];
      const started = performance.now();
      while (totals.length < runs && (totals.length === 0 || performance.now() - started < budgetMs)) {
        statements = [];
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        await execute(operation);
        const cpu = process.cpuUsage(cpu0);
        totals.push(performance.now() - t0);
        cpuTotals.push((cpu.user + cpu.system) / 1000);
        sqlTotals.push(statements.reduce((s, q) => s + q.ms, 0));
        queries = statements.length;
        last = [...statements];
        for (const q of statements) if (q.ms > slowest.ms) slowest = q;
      }
      if (values.plans && dialect === 'sqlite') await printPlans(db, operation.name, last);
      timings.push({
        subgraph: name,
        operation: operation.name,
        runs: totals.length,
        queries,
        medianMs: median(totals),
        maxMs: Math.max(...totals),
        medianCpuMs: median(cpuTotals),
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
  const header = ['subgraph', 'operation', 'SQL', 'median ms', 'max ms', 'CPU ms', 'SQL ms', 'slowest SQL ms'];
  const rows = timings.map((t) => [
    t.subgraph,
    t.operation,
    String(t.queries),
    t.medianMs.toFixed(1),
    t.maxMs.toFixed(1),
    t.medianCpuMs.toFixed(1),
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
