import { describe, expect, it } from 'vitest';
import { estimateRun, schedule } from './plan.js';

describe('schedule', () => {
  it('runs every target on a scenario back to back, flipping their order each round', () => {
    const steps = schedule(['scorecard', 'single'], ['govgraph', 'apollo', 'hive'], 2);
    expect(steps.map((s) => `${s.round}:${s.scenario}:${s.target}`)).toEqual([
      '1:scorecard:govgraph', '1:scorecard:apollo', '1:scorecard:hive',
      '1:single:govgraph', '1:single:apollo', '1:single:hive',
      '2:scorecard:hive', '2:scorecard:apollo', '2:scorecard:govgraph',
      '2:single:hive', '2:single:apollo', '2:single:govgraph',
    ]);
  });

  it('sends `direct` to the subgraph alone', () => {
    expect(schedule(['direct'], ['govgraph', 'hive'], 1)).toEqual([{ round: 1, scenario: 'direct', target: 'direct' }]);
  });
});

describe('estimateRun', () => {
  it('keeps the default run within about six minutes', () => {
    const steps = schedule(['scorecard', 'hotline-trend', 'item-search', 'report', 'single', 'direct'], ['govgraph', 'govgraph-cache', 'apollo', 'hive'], 2);
    const estimate = estimateRun(steps, { durationSeconds: 5, warmupSeconds: 3, startsStack: true });
    expect(steps).toHaveLength(42);
    expect(estimate.timedSeconds).toBe(210);
    expect(estimate.warmupSeconds).toBe(15);
    expect(estimate.totalSeconds).toBeLessThanOrEqual(6 * 60);
  });
});
