import { describe, expect, it } from 'vitest';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import { OperationSubgraphs, subgraphsInPlan } from './operation-subgraphs.js';

const fetch = (serviceName: string): FetchNode => ({ kind: 'Fetch', serviceName, operation: '{ x }', operationName: undefined, operationKind: 'query' as FetchNode['operationKind'] });

const scorecard: QueryPlan = {
  kind: 'QueryPlan',
  node: {
    kind: 'Sequence',
    nodes: [
      fetch('service-items'),
      {
        kind: 'Parallel',
        nodes: [
          { kind: 'Flatten', path: ['departments', '@'], node: fetch('hotline') },
          { kind: 'Flatten', path: ['departments', '@'], node: fetch('cloud') },
          { kind: 'Condition', condition: 'withCertificates', ifClause: { kind: 'Flatten', path: ['departments', '@'], node: fetch('certificates') } },
        ],
      },
    ],
  },
};

describe('subgraphsInPlan', () => {
  it('lists every subgraph a plan may fetch from, conditional branches included', () => {
    expect(subgraphsInPlan(scorecard)).toEqual(['certificates', 'cloud', 'hotline', 'service-items']);
    expect(subgraphsInPlan({ kind: 'QueryPlan', node: fetch('hotline') })).toEqual(['hotline']);
    expect(subgraphsInPlan({ kind: 'QueryPlan' })).toEqual([]);
  });

  it('follows deferred parts', () => {
    const plan: QueryPlan = {
      kind: 'QueryPlan',
      node: { kind: 'Defer', primary: { node: fetch('service-items') }, deferred: [{ depends: [], queryPath: [], node: fetch('hotline') }] },
    };
    expect(subgraphsInPlan(plan)).toEqual(['hotline', 'service-items']);
  });
});

describe('OperationSubgraphs', () => {
  it('says every subgraph until the operation has been planned, then only those its plan reads', () => {
    const operations = new OperationSubgraphs();
    operations.resetSubgraphs(['service-items', 'hotline', 'cloud', 'certificates']);
    const trend = { queryHash: 'abc', operationName: 'HotlineTrend' };
    expect(operations.of(trend)).toEqual(['certificates', 'cloud', 'hotline', 'service-items']);
    operations.record(trend, { kind: 'QueryPlan', node: fetch('hotline') });
    expect(operations.of(trend)).toEqual(['hotline']);
    // Same document, another operation in it: not known yet.
    expect(operations.of({ queryHash: 'abc', operationName: 'Other' })).toHaveLength(4);
  });

  it('forgets what it learned when the supergraph changes', () => {
    const operations = new OperationSubgraphs();
    operations.resetSubgraphs(['hotline', 'cloud']);
    operations.record({ queryHash: 'abc' }, { kind: 'QueryPlan', node: fetch('hotline') });
    operations.resetSubgraphs(['hotline', 'cloud', 'certificates']);
    expect(operations.of({ queryHash: 'abc' })).toEqual(['certificates', 'cloud', 'hotline']);
  });
});
