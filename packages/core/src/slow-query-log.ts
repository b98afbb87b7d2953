/**
 * The slow-query log: every SQL statement that takes at least a threshold is written once to the
 * subgraph's log with its duration and its SQL text. Parameters are never written (they can hold
 * personal data, such as a caller's phone number in a lookup); long lists of placeholders are
 * shortened so an `IN (...)` of a thousand codes stays one readable line.
 */
import type { LogEvent } from 'kysely';

/** The default threshold: a statistic's whole budget is a few milliseconds, so 50 ms is an outlier. */
export const DEFAULT_SLOW_QUERY_MS = 50;

/**
 * The threshold from `GOVGRAPH_SLOW_QUERY_MS`: a number of milliseconds (0 logs every statement),
 * `off` to disable, unset for the default.
 */
export function slowQueryThreshold(value: string | undefined = process.env.GOVGRAPH_SLOW_QUERY_MS): number | null {
  if (value === undefined || value.trim() === '') return DEFAULT_SLOW_QUERY_MS;
  if (value.trim().toLowerCase() === 'off') return null;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`GOVGRAPH_SLOW_QUERY_MS must be a number of milliseconds (0 or more) or "off", got ${JSON.stringify(value)}`);
  }
  return ms;
}

/** Runs of three or more placeholders (`?` on SQLite, `$n` on PostgreSQL). */
const PLACEHOLDER_RUN = /(?:(?:\?|\$\d+)\s*,\s*){2,}(?:\?|\$\d+)/g;

/** The statement as one line, placeholder lists counted rather than spelled out. */
export function describeSql(sqlText: string): string {
  return sqlText
    .replace(/\s+/g, ' ')
    .trim()
    .replace(PLACEHOLDER_RUN, (run) => `…${run.split(',').length} parameters`);
}

/** A Kysely `log` callback that reports each statement at or over `thresholdMs`, once. */
export function slowQueryLogger(thresholdMs: number, log: (message: string) => void): (event: LogEvent) => void {
  return (event) => {
    const ms = event.queryDurationMillis;
    if (ms < thresholdMs) return;
    const failed = event.level === 'error' ? ' (failed)' : '';
    log(`slow query ${ms.toFixed(1)} ms${failed}: ${describeSql(event.query.sql)}`);
  };
}
