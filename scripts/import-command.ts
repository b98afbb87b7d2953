/**
 * `npm run import -- <subgraph> --from <url|file> [...]`, as a function of its arguments and
 * streams so tests can run it in-process; `import.ts` is the executable entry point.
 */
import { parseArgs } from 'node:util';
import {
  FILE_ENCODINGS,
  FILE_FORMATS,
  ImportBusyError,
  ImportConfigError,
  ImportSourceError,
  importSubgraph,
  openSubgraphDatabase,
  restOptionsFromEnv,
  toChinaInstant,
  UnknownResourceError,
  type FileEncoding,
  type FileFormat,
  type ImportFrom,
  type ImportSummary,
  type SubgraphImports,
} from '../packages/core/src/index.js';
import { IMPORTABLE_SUBGRAPHS } from './import-subgraphs.js';

export const USAGE = `Usage: npm run import -- <subgraph> --from <url|file> [--resource NAME] [--since T] [--format csv|ndjson] [--encoding utf8|gbk] [--batch-size N]

Brings records from a government subsystem into the subgraph's database: validated, upserted by
natural key (newest version wins), rejected records quarantined with the reason. Safe to repeat,
safe to interrupt: a stopped or killed import resumes from its last committed batch.

  <subgraph>        ${Object.keys(IMPORTABLE_SUBGRAPHS).join(', ')}
  --from URL|FILE   the subsystem's base URL (its REST API; every resource unless --resource),
                    or an export file (CSV or NDJSON) of one resource
  --resource NAME   import only this resource (needed for a file when the subgraph has several)
  --since T         only records changed at or after T (YYYY-MM-DD or an ISO instant; REST only)
  --format F        csv or ndjson (default: from the file's extension)
  --encoding E      utf8 (default; with or without BOM) or gbk
  --batch-size N    records per transaction (default 500)
  -h, --help        this text

The database is the subgraph's own (GOVGRAPH_DATA_DIR, GOVGRAPH_<NAME>_DATABASE_URL); a new one is
seeded with the embedded dataset unless GOVGRAPH_SEED=false. REST settings:
GOVGRAPH_<NAME>_IMPORT_TOKEN, GOVGRAPH_IMPORT_TIMEOUT_MS, GOVGRAPH_IMPORT_REQUESTS_PER_SECOND.

Exit codes: 0 imported (quarantined records are reported, not an error), 2 bad arguments,
3 the source failed (unreachable, HTTP error, malformed page, unreadable file), 4 the same import
is already running, 5 stopped by a signal (the next run resumes), 1 other.`;

export const ImportExit = { OK: 0, OTHER: 1, USAGE: 2, SOURCE: 3, BUSY: 4, STOPPED: 5 } as const;

class UsageError extends Error {}

export interface ImportIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
  /** Aborted on SIGINT/SIGTERM: the import stops at its next batch boundary. */
  signal?: AbortSignal;
}

interface ImportArguments {
  subgraph: string;
  from: string;
  resource: string | undefined;
  since: string | undefined;
  format: FileFormat | undefined;
  encoding: FileEncoding | undefined;
  batchSize: number | undefined;
}

const isUrl = (from: string) => /^https?:\/\//i.test(from);

function parseCli(argv: readonly string[]): ImportArguments | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        from: { type: 'string' },
        resource: { type: 'string' },
        since: { type: 'string' },
        format: { type: 'string' },
        encoding: { type: 'string' },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const known = Object.keys(IMPORTABLE_SUBGRAPHS);
  if (positionals.length !== 1) throw new UsageError(`name one subgraph (${known.join(', ')}) (see --help)`);
  const subgraph = positionals[0]!;
  if (!known.includes(subgraph)) throw new UsageError(`no importers for subgraph ${JSON.stringify(subgraph)}; known: ${known.join(', ')}`);
  if (!values.from) throw new UsageError('--from is required: a base URL or a file (see --help)');
  let since: string | undefined;
  if (values.since !== undefined) {
    since = /^\d{4}-\d{2}-\d{2}$/.test(values.since) ? toChinaInstant(`${values.since} 00:00:00`) : toChinaInstant(values.since);
    if (since === undefined) throw new UsageError(`--since must be a date (YYYY-MM-DD) or an ISO instant, got ${JSON.stringify(values.since)}`);
  }
  if (since !== undefined && !isUrl(values.from)) throw new UsageError('--since applies to a REST source, not to a file');
  if (values.format !== undefined && !FILE_FORMATS.includes(values.format as FileFormat)) {
    throw new UsageError(`--format must be one of ${FILE_FORMATS.join(', ')}, got ${JSON.stringify(values.format)}`);
  }
  if (values.encoding !== undefined && !FILE_ENCODINGS.includes(values.encoding as FileEncoding)) {
    throw new UsageError(`--encoding must be one of ${FILE_ENCODINGS.join(', ')}, got ${JSON.stringify(values.encoding)}`);
  }
  let batchSize: number | undefined;
  if (values['batch-size'] !== undefined) {
    batchSize = Number(values['batch-size']);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
      throw new UsageError(`--batch-size must be a whole number from 1 to 10000, got ${JSON.stringify(values['batch-size'])}`);
    }
  }
  return {
    subgraph,
    from: values.from,
    resource: values.resource,
    since,
    format: values.format as FileFormat | undefined,
    encoding: values.encoding as FileEncoding | undefined,
    batchSize,
  };
}

function line(summary: ImportSummary, ms: number): string {
  const resumed = summary.resumedFrom ? `, resumed from ${summary.resumedFrom}` : '';
  return (
    `${summary.resource}: ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged, ` +
    `${summary.quarantined} quarantined (run ${summary.runId}${resumed}, ${(ms / 1000).toFixed(1)} s)\n`
  );
}

/** Runs the command; resolves with the process exit code. Never throws. */
export async function runImportCli(argv: readonly string[], io: ImportIo): Promise<number> {
  const fail = (code: number, message: string) => {
    io.stderr.write(`govgraph-import: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return code;
  };
  let args: ImportArguments;
  try {
    const parsed = parseCli(argv);
    if (parsed === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return ImportExit.OK;
    }
    args = parsed;
  } catch (error) {
    return fail(ImportExit.USAGE, (error as Error).message);
  }

  let closeDatabase: (() => Promise<void>) | undefined;
  try {
    const module = await IMPORTABLE_SUBGRAPHS[args.subgraph]!();
    const imports: SubgraphImports<unknown> = module.subgraph.imports ?? { resources: module.importResources };
    const from: ImportFrom = isUrl(args.from)
      ? { url: args.from, rest: restOptionsFromEnv(args.subgraph, io.env) }
      : { file: args.from, ...(args.format ? { format: args.format } : {}), ...(args.encoding ? { encoding: args.encoding } : {}) };

    const open = await openSubgraphDatabase(module.subgraph, { log: (message) => io.stderr.write(`${message}\n`) });
    closeDatabase = () => open.db.destroy();
    const started = Date.now();
    let last = started;
    const summaries = await importSubgraph({
      db: open.db,
      imports,
      from,
      ...(args.resource !== undefined ? { resource: args.resource } : {}),
      ...(args.since !== undefined ? { since: args.since } : {}),
      ...(args.batchSize !== undefined ? { batchSize: args.batchSize } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
      log: () => {},
    });
    for (const summary of summaries) {
      const now = Date.now();
      io.stderr.write(line(summary, now - last));
      last = now;
    }
    const failed = summaries.find((s) => s.status !== 'SUCCEEDED');
    if (!failed) return ImportExit.OK;
    const code = failed.failure === 'source' ? ImportExit.SOURCE : failed.failure === 'stopped' ? ImportExit.STOPPED : ImportExit.OTHER;
    return fail(code, `${failed.resource}: ${failed.error ?? 'failed'}`);
  } catch (error) {
    if (error instanceof UnknownResourceError || error instanceof ImportConfigError) return fail(ImportExit.USAGE, error.message);
    if (error instanceof ImportBusyError) return fail(ImportExit.BUSY, error.message);
    if (error instanceof ImportSourceError) return fail(ImportExit.SOURCE, error.message);
    return fail(ImportExit.OTHER, `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await closeDatabase?.();
  }
}
