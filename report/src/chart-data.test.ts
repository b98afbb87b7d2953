import { describe, expect, it } from 'vitest';
import { chartData, CLOUD_TOP_DEPARTMENTS } from './chart-data.js';
import { fixture2021 } from './testing/fixture-2021.js';

describe('chartData', () => {
  const charts = chartData(fixture2021(), '2021-12-31');

  it('hotline work orders by month, labelled 1月…12月, summing to the year', () => {
    expect(charts.hotlineByMonth?.map((d) => d.label)).toEqual(Array.from({ length: 12 }, (_, i) => `${i + 1}月`));
    expect(charts.hotlineByMonth?.reduce((sum, d) => sum + d.value, 0)).toBe(652_000);
  });

  it('service items for each of the nine county-level divisions, by name', () => {
    expect(charts.itemsByCounty).toHaveLength(9);
    expect(charts.itemsByCounty?.[0]).toEqual({ label: '赤坎区', value: 1420 });
  });

  it('cloud VCPU by department, largest first, the tail folded into one bar, the total kept', () => {
    const bars = charts.cloudByDepartment!;
    expect(bars).toHaveLength(CLOUD_TOP_DEPARTMENTS + 1);
    const top = bars.slice(0, CLOUD_TOP_DEPARTMENTS).map((d) => d.value);
    expect(top).toEqual([...top].sort((a, b) => b - a));
    expect(bars.at(-1)?.label).toBe('其余42个部门');
    const total = fixture2021().businessSystems!.edges.reduce((sum, { node }) => sum + node.allocation!.vcpu, 0);
    expect(bars.reduce((sum, d) => sum + d.value, 0)).toBe(total);
  });

  it('leaves out allocations made after the year the report describes', () => {
    const data = fixture2021();
    data.businessSystems!.edges[0]!.node.allocatedOn = '2022-03-01';
    const total = (c: ReturnType<typeof chartData>) => c.cloudByDepartment!.reduce((sum, d) => sum + d.value, 0);
    expect(total(chartData(data, '2021-12-31'))).toBe(total(charts) - data.businessSystems!.edges[0]!.node.allocation!.vcpu);
  });

  it('gives null, not an empty or zero chart, when the data is missing', () => {
    expect(chartData({}, '2021-12-31')).toEqual({ hotlineByMonth: null, itemsByCounty: null, cloudByDepartment: null });
  });
});
