/**
 * The gateway's response cache over the real subgraphs and the full 2021 data: one user's personal
 * data is never served to another, private answers stay with their user, public statistics are
 * served from the cache the second time but never across different authorizations, and an
 * importer's invalidation is honoured. The subgraphs' own Cache-Control headers, `_entities`
 * fetches included, are checked at the source. Every query carries a fresh alias so that no other
 * test file's requests can have cached it.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { gatewayCredentialHeaders, invalidateGatewayCache, PUBLIC_VIEWER, viewerWith } from '@govgraph/core';
import { postGraphQL } from './harness/graphql.js';
import { bearer } from './harness/tokens.js';

const gatewayUrl = () => inject('gatewayUrl');
const subgraphUrls = () => inject('subgraphUrls');
const CACHE = 'x-govgraph-cache';

/** A selection under an alias no other request has used. */
function fresh(selection: string): { text: string; alias: string } {
  const alias = `a${randomUUID().replaceAll('-', '')}`;
  return { text: `{ ${alias}: ${selection} }`, alias };
}

async function ask(text: string, headers: Record<string, string> = {}) {
  const answer = await postGraphQL(gatewayUrl(), text, undefined, headers);
  return { ...answer, cache: answer.headers.get(CACHE), cacheControl: answer.headers.get('cache-control') };
}

const WORK_ORDERS = `workOrders(filter: { from: "2021-03-01", to: "2021-03-01" }, first: 5) { edges { node { id callerName callerPhone } } }`;

describe("the response cache never serves one user's personal data to another", () => {
  it('callers: unmasked for a pii:read holder, masked for the next caller, denied without the scope; never cached', async () => {
    const { text, alias } = fresh(WORK_ORDERS);
    const alice = await ask(text, await bearer('workorders:read workorders:read:all pii:read', { sub: 'alice' }));
    expect(alice.status).toBe(200);
    expect(alice.body.errors).toBeUndefined();
    const aliceNodes = alice.body.data[alias].edges.map((e: any) => e.node);
    expect(aliceNodes.length).toBeGreaterThan(0);
    for (const node of aliceNodes) expect(node.callerName).not.toContain('*');
    expect(alice).toMatchObject({ cache: 'MISS', cacheControl: 'no-store' });

    const bob = await ask(text, await bearer('workorders:read workorders:read:all', { sub: 'bob' }));
    expect(bob.cache).toBe('MISS');
    const bobNodes = bob.body.data[alias].edges.map((e: any) => e.node);
    expect(bobNodes.map((n: any) => n.id)).toEqual(aliceNodes.map((n: any) => n.id));
    for (const node of bobNodes) {
      expect(node.callerName).toMatch(/^.\*+$/u);
      expect(node.callerPhone).toMatch(/^\d{3}\*{4,}\d{4}$/);
    }

    const anonymous = await ask(text);
    expect(anonymous.body.data[alias]).toBeNull();
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(anonymous.body)).not.toContain(aliceNodes[0].callerPhone);

    // Asked again by Alice: still not from a cache.
    expect((await ask(text, await bearer('workorders:read workorders:read:all pii:read', { sub: 'alice' }))).cache).toBe('MISS');
  });

  it('a private answer is cached for its user only: not for another user with the same scopes, not for the public', async () => {
    const { text, alias } = fresh('businessSystems(first: 3) { totalCount edges { node { id name allocation { vcpu } } } }');
    const alice = await bearer('cloud:read', { sub: 'alice' });
    const first = await ask(text, alice);
    expect(first.body.errors).toBeUndefined();
    expect(first).toMatchObject({ cache: 'MISS', cacheControl: 'max-age=300, private' });
    const again = await ask(text, alice);
    expect(again.cache).toBe('HIT');
    expect(again.body.data).toEqual(first.body.data);

    expect((await ask(text, await bearer('cloud:read', { sub: 'bob' }))).cache).toBe('MISS');
    const anonymous = await ask(text);
    expect(anonymous.cache).toBe('MISS');
    expect(anonymous.body.data[alias]).toBeNull();
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a public statistic hits the second time, but a cloud:read caller and a public caller never share an entry', async () => {
    const { text } = fresh('hotlineStatistics(filter: { from: "2021-01-01", to: "2021-12-31" }) { received satisfactionRate }');
    const publicFirst = await ask(text);
    expect(publicFirst).toMatchObject({ status: 200, cache: 'MISS', cacheControl: 'max-age=300, public' });
    expect(await ask(text)).toMatchObject({ cache: 'HIT' });

    const cloudReader = await bearer('cloud:read', { sub: 'carol' });
    const cloudFirst = await ask(text, cloudReader);
    expect(cloudFirst.cache).toBe('MISS');
    expect(cloudFirst.body.data).toEqual(publicFirst.body.data);
    expect((await ask(text, cloudReader)).cache).toBe('HIT');
    // Another user with the same scope shares the public entry.
    expect((await ask(text, await bearer('cloud:read', { sub: 'dave' }))).cache).toBe('HIT');
  });

  it('a cross-subgraph scorecard is cached too, for the shortest maxAge, and a denied field keeps it out', async () => {
    const scorecard = `departments(level: CITY, first: 5) { edges { node { name itemStatistics(asOf: "2021-12-31") { total onlineRate }
      certificatesIssued(from: "2021-01-01", to: "2021-12-31") cloudAllocation { vcpu }
      hotlineStatistics(from: "2021-01-01", to: "2021-12-31") { received satisfactionRate } } } }`;
    const { text } = fresh(scorecard);
    const reader = await bearer('cloud:read', { sub: 'dashboard' });
    expect(await ask(text, reader)).toMatchObject({ cache: 'MISS', cacheControl: 'max-age=300, private' });
    expect(await ask(text, reader)).toMatchObject({ cache: 'HIT' });
    // Without cloud:read the allocations are null with FORBIDDEN errors: never cached.
    const denied = await ask(text);
    expect(denied.body.errors?.every((e: any) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(denied).toMatchObject({ cache: 'MISS', cacheControl: 'no-store' });
    expect((await ask(text)).cache).toBe('MISS');
  });

  it("an importer's invalidation drops the hotline's cached answers and keeps the catalogue's", async () => {
    const hotline = fresh('hotlineTrend(filter: { from: "2021-01-01", to: "2021-12-31" }, granularity: MONTH) { period statistics { received } }');
    const catalogue = fresh('catalogStatistics(asOf: "2021-12-31") { totalItems onlineRate }');
    for (const { text } of [hotline, catalogue]) {
      await ask(text);
      expect((await ask(text)).cache).toBe('HIT');
    }
    const outcome = await invalidateGatewayCache('hotline', { gatewayUrl: new URL(gatewayUrl()).origin, logger: { info: () => {}, warn: () => {} } });
    expect(outcome).toMatchObject({ ok: true, subgraph: 'hotline' });
    expect((await ask(hotline.text)).cache).toBe('MISS');
    expect((await ask(catalogue.text)).cache).toBe('HIT');
  });
});

describe('subgraph Cache-Control headers, at the source', () => {
  const CODE = '11440800007030000X';
  async function direct(subgraph: string, text: string, variables: Record<string, unknown>, viewer = PUBLIC_VIEWER) {
    const answer = await postGraphQL(subgraphUrls()[subgraph]!, text, variables, await gatewayCredentialHeaders(subgraph, viewer));
    expect(answer.body.errors).toBeUndefined();
    return answer.headers.get('cache-control');
  }
  const ENTITIES = (selection: string) => `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Department { ${selection} } } }`;

  it('an _entities fetch of public statistics is public for 300 s', async () => {
    const header = await direct('hotline', ENTITIES('hotlineStatistics(from: "2021-01-01", to: "2021-12-31") { received }'), {
      r: [{ __typename: 'Department', code: CODE }],
    });
    expect(header).toBe('max-age=300, public');
  });

  it('an _entities fetch of cloud detail is private', async () => {
    const header = await direct('cloud', ENTITIES('cloudAllocation { vcpu }'), { r: [{ __typename: 'Department', code: CODE }] }, viewerWith(['cloud:read']));
    expect(header).toBe('max-age=300, private');
  });

  it('work orders are never cacheable', async () => {
    const header = await direct('hotline', `{ ${WORK_ORDERS} }`, {}, viewerWith(['workorders:read', 'workorders:read:all', 'pii:read']));
    expect(header).toBe('no-store');
  });
});
