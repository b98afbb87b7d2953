import { describe, expect, it } from 'vitest';
import { formatNumber, formatScenario } from './table.js';
import type { Row } from './summary.js';

const row = (over: Partial<Row>): Row => ({
  target: 'govgraph',
  requestsPerSecond: 0,
  roundsRequestsPerSecond: [],
  p50Ms: 0,
  p99Ms: 0,
  responses: 100,
  errors: 0,
  sampleFailure: undefined,
  cpuMsPerRequest: undefined,
  subgraphsCpuMsPerRequest: undefined,
  rssMb: undefined,
  ...over,
});

describe('formatNumber', () => {
  it('keeps about three significant figures', () => {
    expect(formatNumber(1234.56)).toBe('1235');
    expect(formatNumber(45.67)).toBe('45.7');
    expect(formatNumber(3.14159, 'x')).toBe('3.14x');
    expect(formatNumber(Number.NaN)).toBe('n/a');
    expect(formatNumber(undefined)).toBe('n/a');
  });
});

describe('formatScenario', () => {
  it('prints an aligned table, the ratios and each failure', () => {
    const text = formatScenario({
      scenario: 'scorecard',
      rows: [
        row({ target: 'govgraph', requestsPerSecond: 150, p50Ms: 13, p99Ms: 30, cpuMsPerRequest: 4.56, subgraphsCpuMsPerRequest: 12.3, subgraphCpuMsPerRequestByName: { 'service-items': 10, hotline: 2.3 }, rssMb: 181.4 }),
        row({ target: 'hive', requestsPerSecond: 120, p50Ms: 15, p99Ms: 40, errors: 6, responses: 1200, sampleFailure: 'HTTP 502' }),
      ],
      ratios: { govgraphOverHive: 1.25 },
    });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^scorecard: /);
    expect(lines[1]).toMatch(/^\s+target\s+req\/s\s+p50 ms\s+p99 ms\s+errors\s+CPU ms\/req\s+subgraphs CPU ms\/req\s+RSS MB$/);
    expect(lines[2]).toMatch(/GovGraph \(cache off\)\s+150\s+13\.0\s+30\.0\s+0\s+4\.56\s+12\.3\s+181$/);
    expect(lines[3]).toMatch(/Hive Gateway\s+120\s+15\.0\s+40\.0\s+6\s+n\/a\s+n\/a\s+n\/a$/);
    // Columns line up: every figure column ends at the same place.
    expect(lines[1]!.length).toBe(lines[2]!.length);
    expect(text).toContain('GovGraph/Hive 1.25x');
    expect(text).toContain('subgraphs CPU ms/req under GovGraph (cache off): service-items 10.0, hotline 2.30');
    expect(text).toContain('! Hive Gateway: 6 of 1200 failed, e.g. HTTP 502');
  });

  it('adds the comparison with the direct call where there is one, and flags a target that never answered', () => {
    const text = formatScenario({
      scenario: 'single',
      rows: [row({ target: 'govgraph', requestsPerSecond: 600, p50Ms: 3, overDirect: 0.6, p50OverheadMs: 1 }), row({ target: 'apollo', responses: 0, p50Ms: Number.NaN }), row({ target: 'direct', requestsPerSecond: 1000, p50Ms: 2 })],
      ratios: {},
    });
    expect(text.split('\n')[1]).toMatch(/x direct\s+p50 \+ms$/);
    expect(text).toMatch(/GovGraph \(cache off\).*0\.60x\s+1\.00$/m);
    expect(text).toContain('! stock @apollo/gateway: no answer completed within the run');
  });
});
