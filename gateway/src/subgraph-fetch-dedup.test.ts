import { describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER, viewerWith } from '@govgraph/core';
import { fetchKey, InFlightFetches, isQueryOperation } from './subgraph-fetch-dedup.js';

const copyJson = (result: { n: number[] }) => {
  const json = JSON.stringify(result);
  return () => JSON.parse(json) as { n: number[] };
};

describe('InFlightFetches', () => {
  it('runs one fetch for concurrent identical keys; followers get copies taken before the leader changes its result', async () => {
    const flights = new InFlightFetches(copyJson);
    let calls = 0;
    let release!: (value: { n: number[] }) => void;
    const fetch = () => {
      calls += 1;
      return new Promise<{ n: number[] }>((resolve) => (release = resolve));
    };
    const leader = flights.run('k', fetch);
    const follower = flights.run('k', fetch);
    expect([leader.led, follower.led]).toEqual([true, false]);
    release({ n: [1] });
    const leaderResult = await leader.result;
    leaderResult.n.push(2);
    expect(await follower.result).toEqual({ n: [1] });
    expect(calls).toBe(1);
    expect(flights.sharedCount).toBe(1);
    // Once answered, the next caller fetches anew.
    expect(flights.run('k', fetch).led).toBe(true);
  });

  it('gives every follower the leader failure, and forgets the failed flight', async () => {
    const flights = new InFlightFetches(copyJson);
    const failing = () => Promise.reject(new Error('subgraph down'));
    const leader = flights.run('k', failing);
    const follower = flights.run('k', failing);
    await expect(leader.result).rejects.toThrow('subgraph down');
    await expect(follower.result).rejects.toThrow('subgraph down');
    expect(flights.run('k', () => Promise.resolve({ n: [] })).led).toBe(true);
  });
});

describe('fetchKey', () => {
  const base = { query: '{ a }', operationName: 'Q', variables: { x: 1 }, viewer: viewerWith(['pii:read'], { sub: 'alice' }) };
  it('is the same for the same fetch of the same caller, whatever the scope order', () => {
    expect(fetchKey(base)).toBe(fetchKey({ ...base, viewer: { ...base.viewer, scopes: ['pii:read'] } }));
  });
  it('differs by query, variables and anything the caller token carries', () => {
    const key = fetchKey(base);
    for (const other of [
      { ...base, query: '{ b }' },
      { ...base, variables: { x: 2 } },
      { ...base, viewer: { ...base.viewer, sub: 'bob' } },
      { ...base, viewer: { ...base.viewer, scopes: [] } },
      { ...base, viewer: { ...base.viewer, dept: 'D01' } },
      { ...base, viewer: { ...base.viewer, roles: ['auditor'] } },
      { ...base, viewer: PUBLIC_VIEWER },
    ]) {
      expect(fetchKey(other)).not.toBe(key);
    }
  });
});

describe('isQueryOperation', () => {
  it('shares queries only', () => {
    expect(isQueryOperation('query Q__hotline__1 { a }')).toBe(true);
    expect(isQueryOperation('{ a }')).toBe(true);
    expect(isQueryOperation(' mutation M { a }')).toBe(false);
    expect(isQueryOperation('subscription S { a }')).toBe(false);
  });
});
