import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directory } from '@govgraph/core';
import { FIXTURE, fixtureGraph, type FixtureGraph } from '../testing/fixture.js';

let graph: FixtureGraph;
beforeAll(async () => {
  graph = await fixtureGraph();
});
afterAll(async () => {
  await graph.close();
});

const ENTITY_STATISTICS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Department { code hotlineStatistics(from: "2021-01-01", to: "2021-12-31") { received dispatched completed } }
    ... on Region { code hotlineStatistics(from: "2021-01-01", to: "2021-12-31") { received completed } }
    ... on ServiceItem { code hotlineStatistics(from: "2021-01-01", to: "2021-12-31") { received } }
  }
}`;

const reps = (typename: string, codes: readonly string[]) => codes.map((code) => ({ __typename: typename, code }));

describe('entity statistics', () => {
  it('answers every city department in one grouped query, zeros for those without orders', async () => {
    const codes = directory().departments.filter((d) => d.level === 'CITY').map((d) => d.code);
    const { data, errors } = await graph.execute(ENTITY_STATISTICS, { representations: reps('Department', codes) });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(codes.length);
    expect(graph.queries).toHaveLength(1);
    const byCode = new Map(data._entities.map((e: any) => [e.code, e.hotlineStatistics]));
    expect(byCode.get(FIXTURE.department1)).toEqual({ received: 2, dispatched: 2, completed: 1 });
    expect(byCode.get(codes.find((c) => c !== FIXTURE.department1)!)).toEqual({ received: 0, dispatched: 0, completed: 0 });
  });

  it('answers regions of every level in one query, each counting everything below it', async () => {
    const codes = ['440800', '440802', '440881', '440802001', '440881001', '440881001001', FIXTURE.quietVillage];
    const { data } = await graph.execute(ENTITY_STATISTICS, { representations: reps('Region', codes) });
    expect(graph.queries).toHaveLength(1);
    expect(data._entities.map((e: any) => [e.code, e.hotlineStatistics.received])).toEqual([
      ['440800', 7],
      ['440802', 4],
      ['440881', 3],
      ['440802001', 3],
      ['440881001', 3],
      ['440881001001', 2],
      [FIXTURE.quietVillage, 0],
    ]);
  });

  it('costs one query per entity type and period, however many representations', async () => {
    const items = directory().items.slice(0, 300).map((i) => i.code);
    const regions = directory().regions.slice(0, 200).map((r) => r.code);
    const departments = directory().departments.slice(0, 100).map((d) => d.code);
    const { data } = await graph.execute(ENTITY_STATISTICS, {
      representations: [...reps('ServiceItem', items), ...reps('Region', regions), ...reps('Department', departments)],
    });
    expect(data._entities).toHaveLength(600);
    expect(graph.queries).toHaveLength(3);
    expect(data._entities.find((e: any) => e.code === FIXTURE.itemA).hotlineStatistics.received).toBe(2);

    const twoPeriods = await graph.execute(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Department { first: hotlineStatistics(from: "2021-01-01", to: "2021-01-31") { received }
                            year: hotlineStatistics(from: "2021-01-01", to: "2021-12-31") { received } } } }`,
      { representations: reps('Department', departments) },
    );
    expect(twoPeriods.errors).toBeUndefined();
    expect(graph.queries).toHaveLength(2);
  });
});
