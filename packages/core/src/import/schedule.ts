/**
 * Imports on an interval inside a running subgraph: every resource from the subsystem's REST API,
 * incrementally (since the newest version already committed). The next run starts one interval
 * after the previous one ended, so runs never overlap; stop() aborts the current run at its next
 * batch boundary (committed work stays, the next start resumes) and waits for it.
 */
import type { Kysely } from 'kysely';
import { importSubgraph, type SubgraphImports } from './subgraph-imports.js';
import type { RestOptions } from './upstream-request.js';

export interface ImportScheduleOptions<DB> {
  db: Kysely<DB>;
  imports: SubgraphImports<DB>;
  url: string;
  intervalMs: number;
  rest?: RestOptions;
  log?: (message: string) => void;
}

export interface ImportSchedule {
  /** Stops scheduling, ends the current run at a batch boundary and waits for it. */
  stop(): Promise<void>;
}

export function startImportSchedule<DB>(options: ImportScheduleOptions<DB>): ImportSchedule {
  const log = options.log ?? (() => {});
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  const runOnce = async (): Promise<void> => {
    try {
      await importSubgraph({
        db: options.db,
        imports: options.imports,
        from: { url: options.url, ...(options.rest ? { rest: options.rest } : {}) },
        incremental: true,
        signal: stopping.signal,
        log: (message) => log(`import ${message}`),
      });
    } catch (error) {
      // Another run of the same import still going (a CLI run), or a broken database: log, try again later.
      log(`scheduled import did not run: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const next = (): void => {
    if (stopping.signal.aborted) return;
    current = runOnce().finally(() => {
      current = undefined;
      if (stopping.signal.aborted) return;
      timer = setTimeout(next, options.intervalMs);
      // The server keeps the process alive; a pending import alone must not.
      timer.unref();
    });
  };
  next();
  log(`importing from ${options.url} every ${Math.round(options.intervalMs / 1000)} s`);

  return {
    async stop() {
      stopping.abort(new Error('the subgraph is stopping'));
      clearTimeout(timer);
      await current;
    },
  };
}
