// From timed runs to the figures the benchmark reports: per scenario and target the throughput,
// latency percentiles and failures over all rounds, and the ratios the targets are about.
import type { LoadResult } from './load.js';
import type { ScenarioName } from './scenarios.js';
import { DIRECT_TARGET, type TargetName } from './targets.js';

export interface Measurement extends LoadResult {
  round: number;
  scenario: ScenarioName;
  target: TargetName;
  /** CPU time the target process used during the run; undefined when unknown. */
  targetCpuMs: number | undefined;
  /** CPU time each subgraph process used during the run, by name; undefined when unknown. */
  subgraphCpuMs: Record<string, number> | undefined;
}

export interface Row {
  target: TargetName;
  requestsPerSecond: number;
  /** Each round's requests/s, to see how much they spread. */
  roundsRequestsPerSecond: number[];
  p50Ms: number;
  p99Ms: number;
  responses: number;
  /** non-2xx + GraphQL errors in 2xx bodies + no answer at all. */
  errors: number;
  sampleFailure: string | undefined;
  /** CPU time of the target process per request sent, in ms: what one request costs it. */
  cpuMsPerRequest: number | undefined;
  /** CPU time of the four subgraphs per request sent, in ms: what the target made them do. */
  subgraphsCpuMsPerRequest: number | undefined;
  /** The same, subgraph by subgraph. */
  subgraphCpuMsPerRequestByName?: Record<string, number>;
  /** The target process's resident memory after this scenario (its last round); undefined when unknown. */
  rssMb: number | undefined;
  /** This gateway's requests/s over the direct call's (single scenario only). */
  overDirect?: number;
  /** This gateway's p50 minus the direct call's, in ms (single scenario only). */
  p50OverheadMs?: number;
}

export interface Ratios {
  govgraphOverHive?: number;
  govgraphOverApollo?: number;
  govgraphCacheOverHive?: number;
  govgraphCacheOverApollo?: number;
}

export interface ScenarioSummary {
  scenario: ScenarioName;
  rows: Row[];
  ratios: Ratios;
}

/** The value below which `fraction` of the samples fall (nearest rank); NaN without samples. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Total CPU over total requests sent; undefined when any run's CPU time is unknown. Per request
 * sent, not per answer: the CPU time is read once the processes have finished the requests still
 * in flight when the load stopped, and those can be many next to the answers of a slow scenario.
 */
function perRequest(runs: readonly Measurement[], cpu: (m: Measurement) => number | undefined): number | undefined {
  const times = runs.map(cpu);
  const sent = runs.reduce((s, r) => s + r.sent, 0);
  if (sent === 0 || times.some((t) => t === undefined)) return undefined;
  return (times as number[]).reduce((s, t) => s + t, 0) / sent;
}

function total(byName: Record<string, number> | undefined): number | undefined {
  return byName === undefined ? undefined : Object.values(byName).reduce((s, ms) => s + ms, 0);
}

function byName(runs: readonly Measurement[]): Pick<Row, 'subgraphCpuMsPerRequestByName'> {
  const names = Object.keys(runs[0]?.subgraphCpuMs ?? {});
  const perName = names.map((name) => [name, perRequest(runs, (r) => r.subgraphCpuMs?.[name])] as const);
  if (names.length === 0 || perName.some(([, ms]) => ms === undefined)) return {};
  return { subgraphCpuMsPerRequestByName: Object.fromEntries(perName as (readonly [string, number])[]) };
}

function rowFor(target: TargetName, runs: readonly Measurement[], rssMb: number | undefined): Row {
  const latencies = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const responses = runs.reduce((s, r) => s + r.responses, 0);
  const seconds = runs.reduce((s, r) => s + r.durationSeconds, 0);
  return {
    target,
    requestsPerSecond: seconds > 0 ? responses / seconds : 0,
    roundsRequestsPerSecond: runs.map((r) => (r.durationSeconds > 0 ? r.responses / r.durationSeconds : 0)),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    responses,
    errors: runs.reduce((s, r) => s + r.non2xx + r.graphqlErrors + r.transportErrors, 0),
    sampleFailure: runs.find((r) => r.sampleFailure !== undefined)?.sampleFailure,
    cpuMsPerRequest: perRequest(runs, (r) => r.targetCpuMs),
    subgraphsCpuMsPerRequest: perRequest(runs, (r) => total(r.subgraphCpuMs)),
    ...byName(runs),
    rssMb,
  };
}

function ratio(numerator: Row | undefined, denominator: Row | undefined): number | undefined {
  if (!numerator || !denominator || denominator.requestsPerSecond === 0) return undefined;
  return numerator.requestsPerSecond / denominator.requestsPerSecond;
}

/**
 * One summary per scenario, in the order given. The `single` scenario's rows are compared with
 * the `direct` scenario's (the same operation sent to the subgraph itself), which appears there as
 * an extra row.
 */
export function summarize(
  measurements: readonly Measurement[],
  scenarios: readonly ScenarioName[],
  rssAfter: (scenario: ScenarioName, target: TargetName) => number | undefined = () => undefined,
): ScenarioSummary[] {
  const rowsOf = (scenario: ScenarioName): Row[] => {
    const targets = [...new Set(measurements.filter((m) => m.scenario === scenario).map((m) => m.target))];
    return targets.map((target) =>
      rowFor(target, measurements.filter((m) => m.scenario === scenario && m.target === target), rssAfter(scenario, target)),
    );
  };
  const direct = rowsOf('direct').find((r) => r.target === DIRECT_TARGET);

  return scenarios.map((scenario) => {
    let rows = rowsOf(scenario);
    if (scenario === 'single' && direct) {
      rows = [
        ...rows.map((row) => ({
          ...row,
          ...(ratio(row, direct) !== undefined ? { overDirect: ratio(row, direct)! } : {}),
          p50OverheadMs: row.p50Ms - direct.p50Ms,
        })),
        direct,
      ];
    }
    const byTarget = (t: TargetName) => rows.find((r) => r.target === t);
    const ratios: Ratios = {};
    const entries: [keyof Ratios, number | undefined][] = [
      ['govgraphOverHive', ratio(byTarget('govgraph'), byTarget('hive'))],
      ['govgraphOverApollo', ratio(byTarget('govgraph'), byTarget('apollo'))],
      ['govgraphCacheOverHive', ratio(byTarget('govgraph-cache'), byTarget('hive'))],
      ['govgraphCacheOverApollo', ratio(byTarget('govgraph-cache'), byTarget('apollo'))],
    ];
    for (const [key, value] of entries) if (value !== undefined) ratios[key] = value;
    return { scenario, rows, ratios };
  });
}
