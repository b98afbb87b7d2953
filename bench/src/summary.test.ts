import { describe, expect, it } from 'vitest';
import { percentile, summarize, type Measurement } from './summary.js';
import type { ScenarioName } from './scenarios.js';
import type { TargetName } from './targets.js';

function run(scenario: ScenarioName, target: TargetName, round: number, responses: number, latenciesMs: number[], failures: Partial<Measurement> = {}): Measurement {
  return {
    scenario,
    target,
    round,
    responses,
    sent: responses,
    durationSeconds: 10,
    latenciesMs,
    non2xx: 0,
    graphqlErrors: 0,
    transportErrors: 0,
    sampleFailure: undefined,
    targetCpuMs: responses * 2,
    subgraphCpuMs: { 'service-items': responses * 4, hotline: responses },
    ...failures,
  };
}

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe('summarize', () => {
  const measurements = [
    run('scorecard', 'govgraph', 1, 1500, [10, 12, 14]),
    run('scorecard', 'govgraph', 2, 1500, [11, 13, 30]),
    run('scorecard', 'apollo', 1, 1000, [20]),
    run('scorecard', 'hive', 1, 1200, [15], { non2xx: 2, graphqlErrors: 3, transportErrors: 1, sampleFailure: 'HTTP 502' }),
    run('scorecard', 'govgraph-cache', 1, 12_000, [1]),
    run('single', 'govgraph', 1, 6000, [3, 3, 4]),
    run('single', 'hive', 1, 4000, [5]),
    run('direct', 'direct', 1, 10_000, [1.5, 2, 2]),
  ];

  it('pools the rounds of a target: requests over seconds, percentiles over all latencies', () => {
    const [scorecard] = summarize(measurements, ['scorecard']);
    const govgraph = scorecard!.rows.find((r) => r.target === 'govgraph')!;
    expect(govgraph.requestsPerSecond).toBe(150);
    expect(govgraph.roundsRequestsPerSecond).toEqual([150, 150]);
    // [10, 11, 12, 13, 14, 30]: the 3rd of 6 is the nearest-rank median.
    expect(govgraph.p50Ms).toBe(12);
    expect(govgraph.p99Ms).toBe(30);
    expect(govgraph.responses).toBe(3000);
  });

  it('divides CPU time by requests sent, and gives none when a run could not read it', () => {
    const [scorecard] = summarize(measurements, ['scorecard']);
    expect(scorecard!.rows[0]).toMatchObject({
      target: 'govgraph',
      cpuMsPerRequest: 2,
      subgraphsCpuMsPerRequest: 5,
      subgraphCpuMsPerRequestByName: { 'service-items': 4, hotline: 1 },
    });
    const unread = summarize([run('single', 'hive', 1, 100, [1]), run('single', 'hive', 2, 100, [1], { targetCpuMs: undefined })], ['single']);
    expect(unread[0]!.rows[0]!.cpuMsPerRequest).toBeUndefined();
    expect(unread[0]!.rows[0]!.subgraphsCpuMsPerRequest).toBe(5);
    const noSubgraphs = summarize([run('single', 'hive', 1, 100, [1], { subgraphCpuMs: undefined })], ['single']);
    expect(noSubgraphs[0]!.rows[0]!.subgraphsCpuMsPerRequest).toBeUndefined();
    expect(noSubgraphs[0]!.rows[0]!.subgraphCpuMsPerRequestByName).toBeUndefined();
    // A slow scenario: 10 answers, 18 sent (8 still in flight at the end, finished afterwards).
    const slow = summarize([run('report', 'govgraph', 1, 10, [2000], { sent: 18, targetCpuMs: 360 })], ['report']);
    expect(slow[0]!.rows[0]!.cpuMsPerRequest).toBe(20);
  });

  it('adds every kind of failure into errors', () => {
    const [scorecard] = summarize(measurements, ['scorecard']);
    expect(scorecard!.rows.find((r) => r.target === 'hive')).toMatchObject({ errors: 6, sampleFailure: 'HTTP 502' });
  });

  it('gives the ratios of the issue: GovGraph against Hive and Apollo, with and without its cache', () => {
    const [scorecard] = summarize(measurements, ['scorecard']);
    expect(scorecard!.ratios).toEqual({ govgraphOverHive: 1.25, govgraphOverApollo: 1.5, govgraphCacheOverHive: 10, govgraphCacheOverApollo: 12 });
  });

  it('compares the single-subgraph scenario with the direct call, which it lists too', () => {
    const [single] = summarize(measurements, ['single']);
    expect(single!.rows.map((r) => r.target)).toEqual(['govgraph', 'hive', 'direct']);
    expect(single!.rows[0]).toMatchObject({ overDirect: 0.6, p50OverheadMs: 1 });
    expect(single!.rows[1]).toMatchObject({ overDirect: 0.4, p50OverheadMs: 3 });
    expect(single!.ratios).toEqual({ govgraphOverHive: 1.5 });
  });

  it('leaves out a ratio whose targets did not run, and reports memory as given', () => {
    const [scorecard] = summarize(measurements.filter((m) => m.target !== 'hive'), ['scorecard'], (_s, t) => (t === 'govgraph' ? 180 : undefined));
    expect(scorecard!.ratios.govgraphOverHive).toBeUndefined();
    expect(scorecard!.rows.find((r) => r.target === 'govgraph')!.rssMb).toBe(180);
    expect(scorecard!.rows.find((r) => r.target === 'apollo')!.rssMb).toBeUndefined();
  });
});
