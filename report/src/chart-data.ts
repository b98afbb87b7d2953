/**
 * The data of the report's three charts, taken from the same AnnualReport result as the text.
 * Rendering them (charts.ts) loads ECharts, so this module is kept apart from it.
 */
import type { AnnualReportQuery } from './__generated__/graphql.js';

export interface BarDatum {
  label: string;
  value: number;
}

export interface ChartData {
  /** 12345 work orders received per month; null when the hotline subgraph gave nothing. */
  hotlineByMonth: BarDatum[] | null;
  /** Service items implemented by each county-level division (and the townships under it). */
  itemsByCounty: BarDatum[] | null;
  /** VCPU cores allocated per department, largest first, the tail folded into one bar. */
  cloudByDepartment: BarDatum[] | null;
}

/** The operation's per-county aliases: `items<code>` for the nine county-level divisions. */
export const COUNTY_ALIASES = [
  ['items440802', '440802'],
  ['items440803', '440803'],
  ['items440804', '440804'],
  ['items440811', '440811'],
  ['items440823', '440823'],
  ['items440825', '440825'],
  ['items440881', '440881'],
  ['items440882', '440882'],
  ['items440883', '440883'],
] as const satisfies readonly (readonly [keyof AnnualReportQuery, string])[];

/** How many departments get a bar of their own in the cloud chart. */
export const CLOUD_TOP_DEPARTMENTS = 15;

function monthLabel(period: string): string {
  const month = /^\d{4}-(\d{2})/.exec(period)?.[1];
  return month ? `${Number(month)}月` : period;
}

export function chartData(data: AnnualReportQuery, asOf: string): ChartData {
  const trend = data.hotlineTrend;
  const hotlineByMonth = trend?.length
    ? trend.map((p) => ({ label: monthLabel(p.period), value: p.statistics.received }))
    : null;

  const names = new Map((data.counties?.edges ?? []).map(({ node }) => [node.code, node.name]));
  const counties: BarDatum[] = [];
  for (const [alias, code] of COUNTY_ALIASES) {
    const total = data[alias]?.totalCount;
    if (typeof total === 'number') counties.push({ label: names.get(code) ?? code, value: total });
  }
  const itemsByCounty = counties.length ? counties : null;

  let cloudByDepartment: BarDatum[] | null = null;
  const systems = data.businessSystems?.edges;
  // A system whose allocation was withheld (the token lacks `cloud:read`) would make every bar
  // wrong: no chart rather than a misleading one.
  if (systems?.length && systems.every(({ node }) => node.allocation != null)) {
    const byDepartment = new Map<string, BarDatum>();
    for (const { node } of systems) {
      // Only what had been allocated by the end of the year the report describes.
      if (node.allocatedOn > asOf) continue;
      const code = node.department.code;
      const entry = byDepartment.get(code) ?? { label: node.department.shortName ?? code, value: 0 };
      entry.value += node.allocation!.vcpu;
      byDepartment.set(code, entry);
    }
    const sorted = [...byDepartment.values()].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'zh'));
    const top = sorted.slice(0, CLOUD_TOP_DEPARTMENTS);
    const rest = sorted.slice(CLOUD_TOP_DEPARTMENTS);
    if (rest.length) top.push({ label: `其余${rest.length}个部门`, value: rest.reduce((sum, d) => sum + d.value, 0) });
    cloudByDepartment = top.length ? top : null;
  }

  return { hotlineByMonth, itemsByCounty, cloudByDepartment };
}
