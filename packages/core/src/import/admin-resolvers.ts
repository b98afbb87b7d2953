/**
 * The import status in the graph, for any subgraph: one root field (e.g. `hotlineImports`) with
 * the last runs per resource and the quarantined records, and one mutation (e.g.
 * `retryHotlineQuarantinedRecords`) that re-runs quarantined records. The value types
 * (ImportRun, QuarantinedRecord, …) are @shareable and identical in every subgraph's SDL; only
 * the two root field names differ, so a subgraph wires all of it with:
 *
 *   const imports = importAdminResolvers({ imports: hotlineImports, queryField: 'hotlineImports',
 *     retryField: 'retryHotlineQuarantinedRecords' });
 *   resolvers = { ...imports.types, Query: { ...Query, ...imports.Query }, Mutation: imports.Mutation }
 *
 * Access (`imports:admin`; raw records also `pii:read`) is declared in the SDL and enforced by
 * core's authorization guard.
 */
import type { Kysely } from 'kysely';
import { badUserInput } from '../errors.js';
import { decodeCursor, pageSize, toConnection } from '../pagination.js';
import {
  quarantineCount,
  quarantinePage,
  recentRuns,
  runsById,
  type QuarantineQuery,
  type QuarantineRow,
} from './admin-queries.js';
import { retryQuarantined } from './retry-quarantined.js';
import type { ImportRunRow } from './run-log.js';
import { ImportBusyError } from './run-log.js';
import type { SubgraphImports } from './subgraph-imports.js';
import type { ImportTables, QuarantineStatus } from './tables.js';

/** The parent of ImportStatus: everything it shows is read by its fields. */
export interface ImportStatusRow {
  readonly importStatus: true;
}

export interface ImportResourceStatusRow {
  resource: string;
}

/** A quarantined record, with its run when the query that found it already read it. */
export type QuarantinedRecordRow = QuarantineRow & { run?: ImportRunRow };

export interface QuarantinedRecordPage {
  edges: { cursor: string; node: QuarantinedRecordRow }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  query: QuarantineQuery;
}

export interface QuarantineRetryRow {
  runs: ImportRunRow[];
  records: QuarantinedRecordRow[];
  retried: number;
  resolved: number;
  stillQuarantined: number;
}

export interface QuarantineFilterInput {
  ids?: readonly string[] | null;
  runId?: string | null;
  resource?: string | null;
  status?: QuarantineStatus | null;
}

interface AdminContext {
  db: Kysely<any>;
}

export const MAX_RETRY = 10_000;
const MAX_IDS = 1_000;

function recordId(text: string, argument: string): number {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw badUserInput(`${argument}: ${JSON.stringify(text)} is not an id this API issued`, argument);
  return Number(text);
}

function queryOf(filter: QuarantineFilterInput | null | undefined, known: readonly string[]): QuarantineQuery {
  const query: QuarantineQuery = {};
  if (!filter) return query;
  if (filter.ids != null) {
    if (filter.ids.length > MAX_IDS) throw badUserInput(`filter.ids: at most ${MAX_IDS} ids`, 'filter');
    query.ids = filter.ids.map((id) => recordId(id, 'filter.ids'));
  }
  if (filter.runId != null) query.runId = recordId(filter.runId, 'filter.runId');
  if (filter.resource != null) {
    if (!known.includes(filter.resource)) {
      throw badUserInput(`filter.resource: no import resource ${JSON.stringify(filter.resource)}; known: ${known.join(', ')}`, 'filter');
    }
    query.resource = filter.resource;
  }
  if (filter.status != null) query.status = filter.status;
  return query;
}

/** Attaches each record's run, read in one query for the whole list. */
async function withRuns(db: Kysely<ImportTables>, rows: QuarantineRow[]): Promise<QuarantinedRecordRow[]> {
  const runs = await runsById(db, rows.map((r) => r.run_id));
  return rows.map((row) => ({ ...row, run: runs.get(row.run_id) }));
}

const tables = (db: Kysely<any>) => db as Kysely<ImportTables>;

export function importAdminResolvers<DB, Q extends string, M extends string>(options: {
  imports: SubgraphImports<DB>;
  queryField: Q;
  retryField: M;
}) {
  const known = options.imports.resources.map((r) => r.name);
  const status: ImportStatusRow = { importStatus: true };

  const query = { [options.queryField]: () => status } as Record<Q, () => ImportStatusRow>;

  const mutation = {
    [options.retryField]: async (
      _parent: unknown,
      args: { filter?: QuarantineFilterInput | null; limit?: number | null },
      { db }: AdminContext,
    ): Promise<QuarantineRetryRow> => {
      const limit = args.limit ?? 1000;
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RETRY) {
        throw badUserInput(`limit must be between 1 and ${MAX_RETRY}, got ${String(args.limit)}`, 'limit');
      }
      try {
        const outcome = await retryQuarantined({ db, imports: options.imports, query: queryOf(args.filter, known), limit });
        return {
          runs: outcome.runs,
          records: await withRuns(tables(db), outcome.records),
          retried: outcome.records.length,
          resolved: outcome.resolved,
          stillQuarantined: outcome.stillQuarantined,
        };
      } catch (error) {
        if (error instanceof ImportBusyError) throw badUserInput(`${error.message}; try again when it has finished`);
        throw error;
      }
    },
  } as Record<
    M,
    (
      parent: unknown,
      args: { filter?: QuarantineFilterInput | null; limit?: number | null },
      context: AdminContext,
    ) => Promise<QuarantineRetryRow>
  >;

  const types = {
    ImportStatus: {
      resources: (): ImportResourceStatusRow[] => known.map((resource) => ({ resource })),
      quarantined: async (
        _parent: ImportStatusRow,
        args: { filter?: QuarantineFilterInput | null; first?: number | null; after?: string | null },
        { db }: AdminContext,
      ): Promise<QuarantinedRecordPage> => {
        const size = pageSize(args.first);
        const after = decodeCursor(args.after);
        const q = queryOf(args.filter, known);
        const rows = await quarantinePage(tables(db), q, size + 1, after === undefined ? undefined : recordId(after, 'after'));
        const { edges, pageInfo } = toConnection(await withRuns(tables(db), rows), size, (row) => row.id, 0);
        return { edges, pageInfo, query: q };
      },
    },
    ImportResourceStatus: {
      lastRun: async (parent: ImportResourceStatusRow, _args: unknown, { db }: AdminContext) =>
        (await recentRuns(tables(db), parent.resource, 1))[0] ?? null,
      recentRuns: (parent: ImportResourceStatusRow, args: { first?: number | null }, { db }: AdminContext) =>
        recentRuns(tables(db), parent.resource, pageSize(args.first, 10)),
      openQuarantined: (parent: ImportResourceStatusRow, _args: unknown, { db }: AdminContext) =>
        quarantineCount(tables(db), { resource: parent.resource, status: 'OPEN' }),
    },
    ImportRun: {
      id: (run: ImportRunRow) => String(run.id),
      startedAt: (run: ImportRunRow) => run.started_at,
      finishedAt: (run: ImportRunRow) => run.finished_at,
      resumedFrom: (run: ImportRunRow) => run.resumed_from,
    },
    QuarantinedRecord: {
      id: (row: QuarantinedRecordRow) => String(row.id),
      run: async (row: QuarantinedRecordRow, _args: unknown, { db }: AdminContext) =>
        row.run ?? (await runsById(tables(db), [row.run_id])).get(row.run_id)!,
      naturalKey: (row: QuarantinedRecordRow) => row.natural_key,
      raw: (row: QuarantinedRecordRow) => row.raw_text,
      quarantinedAt: (row: QuarantinedRecordRow) => row.quarantined_at,
      resolvedAt: (row: QuarantinedRecordRow) => row.resolved_at,
    },
    QuarantinedRecordConnection: {
      // Counted only when a client asks for it.
      totalCount: (page: QuarantinedRecordPage, _args: unknown, { db }: AdminContext) => quarantineCount(tables(db), page.query),
    },
  };

  return { Query: query, Mutation: mutation, types };
}
