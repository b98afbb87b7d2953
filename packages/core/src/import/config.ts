/**
 * Import settings from the environment, shared by the CLI and the schedule:
 *
 *   GOVGRAPH_<NAME>_IMPORT_URL       the subsystem's base URL (schedule; the CLI takes --from)
 *   GOVGRAPH_<NAME>_IMPORT_INTERVAL  how often the running subgraph imports, e.g. `15m`, `1h`
 *   GOVGRAPH_<NAME>_IMPORT_TOKEN     a bearer token the subsystem requires, if any
 *   GOVGRAPH_IMPORT_TIMEOUT_MS       per-request timeout (default 30000)
 *   GOVGRAPH_IMPORT_REQUESTS_PER_SECOND  rate bound per subsystem (default 5)
 */
import ms from 'ms';
import { envName } from '../subgraph-registry.js';
import type { RestOptions } from './upstream-request.js';

type Env = Record<string, string | undefined>;

/** A setting that cannot be used; the message names the variable and what it must hold. */
export class ImportConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportConfigError';
  }
}

function positive(env: Env, variable: string): number | undefined {
  const text = env[variable];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new ImportConfigError(`${variable} must be a positive number, got ${JSON.stringify(text)}`);
  return value;
}

export function restOptionsFromEnv(subgraph: string, env: Env = process.env): RestOptions {
  const token = env[`GOVGRAPH_${envName(subgraph)}_IMPORT_TOKEN`];
  const timeoutMs = positive(env, 'GOVGRAPH_IMPORT_TIMEOUT_MS');
  const requestsPerSecond = positive(env, 'GOVGRAPH_IMPORT_REQUESTS_PER_SECOND');
  return {
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(requestsPerSecond !== undefined ? { requestsPerSecond } : {}),
  };
}

/** `15m` → 900000; at least a second, so a typo like `15` (ms) cannot hammer a subsystem. */
export function parseInterval(text: string, variable = 'interval'): number {
  const value = ms(text.trim() as ms.StringValue) as number | undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1000) {
    throw new ImportConfigError(`${variable} must be a duration of at least 1s such as 15m or 1h, got ${JSON.stringify(text)}`);
  }
  return value;
}

export interface ScheduleConfig {
  url: string;
  intervalMs: number;
  rest: RestOptions;
}

/** The schedule configured for a subgraph, or undefined when it imports only on demand. */
export function scheduleFromEnv(subgraph: string, env: Env = process.env): ScheduleConfig | undefined {
  const urlVariable = `GOVGRAPH_${envName(subgraph)}_IMPORT_URL`;
  const intervalVariable = `GOVGRAPH_${envName(subgraph)}_IMPORT_INTERVAL`;
  const url = env[urlVariable] || undefined;
  const interval = env[intervalVariable] || undefined;
  if (url === undefined && interval === undefined) return undefined;
  if (url === undefined || interval === undefined) {
    throw new ImportConfigError(`set both ${urlVariable} and ${intervalVariable} to import on a schedule, or neither`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImportConfigError(`${urlVariable} must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ImportConfigError(`${urlVariable} must be an http(s) URL, got ${JSON.stringify(url)}`);
  }
  return { url, intervalMs: parseInterval(interval, intervalVariable), rest: restOptionsFromEnv(subgraph, env) };
}
