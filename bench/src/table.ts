// The printed form of the summaries: one aligned table per scenario, the ratios under it, and any
// failures spelled out.
import { SCENARIOS } from './scenarios.js';
import type { Ratios, Row, ScenarioSummary } from './summary.js';
import { TARGET_LABELS } from './targets.js';

export function formatNumber(value: number | undefined, unit = ''): string {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit}`;
}

const RATIO_LABELS: Record<keyof Ratios, string> = {
  govgraphOverHive: 'GovGraph/Hive',
  govgraphOverApollo: 'GovGraph/Apollo',
  govgraphCacheOverHive: 'GovGraph(cache on)/Hive',
  govgraphCacheOverApollo: 'GovGraph(cache on)/Apollo',
};

function align(lines: string[][]): string[] {
  const widths = lines[0]!.map((_, col) => Math.max(...lines.map((line) => line[col]!.length)));
  // The first column (names) to the left, figures to the right.
  return lines.map((line) => line.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  ').trimEnd());
}

export function formatScenario(summary: ScenarioSummary): string {
  const comparesToDirect = summary.rows.some((r) => r.overDirect !== undefined || r.p50OverheadMs !== undefined);
  const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'CPU ms/req', 'subgraphs CPU ms/req', 'RSS MB', ...(comparesToDirect ? ['x direct', 'p50 +ms'] : [])];
  const cells = (row: Row): string[] => [
    TARGET_LABELS[row.target],
    formatNumber(row.requestsPerSecond),
    formatNumber(row.p50Ms),
    formatNumber(row.p99Ms),
    String(row.errors),
    formatNumber(row.cpuMsPerRequest),
    formatNumber(row.subgraphsCpuMsPerRequest),
    row.rssMb === undefined ? 'n/a' : row.rssMb.toFixed(0),
    ...(comparesToDirect
      ? [row.overDirect === undefined ? '' : formatNumber(row.overDirect, 'x'), row.p50OverheadMs === undefined ? '' : formatNumber(row.p50OverheadMs)]
      : []),
  ];
  const lines = [`${summary.scenario}: ${SCENARIOS[summary.scenario].description}`, ...align([header, ...summary.rows.map(cells)]).map((l) => `  ${l}`)];
  const ratios = (Object.keys(RATIO_LABELS) as (keyof Ratios)[])
    .filter((key) => summary.ratios[key] !== undefined)
    .map((key) => `${RATIO_LABELS[key]} ${formatNumber(summary.ratios[key], 'x')}`);
  if (ratios.length > 0) lines.push(`  ${ratios.join('   ')}`);
  // Which subgraph the work lands in, for GovGraph's own gateway: where the SQL time goes.
  const split = (summary.rows.find((r) => r.target === 'govgraph') ?? summary.rows[0])?.subgraphCpuMsPerRequestByName;
  const splitOf = summary.rows.find((r) => r.subgraphCpuMsPerRequestByName === split)?.target;
  if (split && splitOf) {
    const parts = Object.entries(split).map(([name, ms]) => `${name} ${formatNumber(ms)}`);
    lines.push(`  subgraphs CPU ms/req under ${TARGET_LABELS[splitOf]}: ${parts.join(', ')}`);
  }
  for (const row of summary.rows) {
    if (row.responses === 0) lines.push(`  ! ${TARGET_LABELS[row.target]}: no answer completed within the run; try a longer --duration`);
    if (row.errors > 0) lines.push(`  ! ${TARGET_LABELS[row.target]}: ${row.errors} of ${row.responses} failed, e.g. ${row.sampleFailure ?? 'no answer'}`);
  }
  return lines.join('\n');
}
