/**
 * What a dashboard asks: every city department with its service items, certificate issuance,
 * cloud allocation and hotline figures, in one request through the gateway, with the figures
 * of different subgraphs agreeing with each other.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { postGraphQL } from './harness/graphql.js';
import { bearer, REPORT_SCOPES } from './harness/tokens.js';

const SCORECARD = /* GraphQL */ `
  query DepartmentScorecard($asOf: Date!, $from: Date!, $to: Date!) {
    departments(level: CITY, first: 100) {
      totalCount
      edges {
        node {
          code
          name
          stationedInCenter
          itemStatistics(asOf: $asOf) { total applicationBased onlineAvailable onlineRate }
          serviceItems(first: 2) {
            totalCount
            edges { node { code name usesElectronicCertificates hotlineStatistics(from: $from, to: $to) { received } } }
          }
          onboardedToCertificateSystem
          certificatesIssued(from: $from, to: $to)
          certificateTypes { code name }
          cloudAllocation { vcpu memoryGb storageTb }
          businessSystems { id name department { code } }
          hotlineStatistics(from: $from, to: $to) { received dispatched completionRate satisfactionRate }
        }
      }
    }
    certificateStatistics(asOf: $asOf) { issuedTotal onboardedDepartments }
    cloudTenancy(asOf: $asOf) { allocated { vcpu } }
    hotlineStatistics(filter: { from: $from, to: $to }) { dispatched }
  }
`;

const TREND_BY_COUNTY = /* GraphQL */ `
  query HotlineByCounty($from: Date!, $to: Date!) {
    hotlineBreakdown(filter: { from: $from, to: $to }, by: COUNTY) {
      key
      region { code name level parent { code } }
      statistics { received satisfactionRate }
    }
  }
`;

const range = { asOf: '2021-12-31', from: '2021-01-01', to: '2021-12-31' };
let scorecard: any;

beforeAll(async () => {
  // Per-system cloud detail needs cloud:read; everything else here is public.
  const { status, body } = await postGraphQL(inject('gatewayUrl'), SCORECARD, range, await bearer(REPORT_SCOPES));
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  scorecard = body.data;
});

describe('department scorecard across the four subgraphs', () => {
  it('lists every city department once, with its name from the catalogue', () => {
    const nodes = scorecard.departments.edges.map((e: any) => e.node);
    expect(scorecard.departments.totalCount).toBe(68);
    expect(nodes).toHaveLength(68);
    expect(new Set(nodes.map((n: any) => n.code)).size).toBe(68);
    expect(nodes.every((n: any) => typeof n.name === 'string' && n.name.startsWith('湛江市'))).toBe(true);
    expect(nodes.filter((n: any) => n.stationedInCenter)).toHaveLength(45);
  });

  it('agrees with the certificate system: issuance per department adds up to the total', () => {
    const nodes = scorecard.departments.edges.map((e: any) => e.node);
    const issued = nodes.reduce((s: number, n: any) => s + n.certificatesIssued, 0);
    expect(issued).toBe(scorecard.certificateStatistics.issuedTotal);
    expect(nodes.filter((n: any) => n.onboardedToCertificateSystem)).toHaveLength(
      scorecard.certificateStatistics.onboardedDepartments,
    );
    for (const n of nodes) if (n.certificateTypes.length > 0) expect(n.onboardedToCertificateSystem).toBe(true);
  });

  it('agrees with the cloud: allocations are the sums of each department’s systems', () => {
    const nodes = scorecard.departments.edges.map((e: any) => e.node);
    for (const n of nodes) {
      expect(n.businessSystems.every((s: any) => s.department.code === n.code)).toBe(true);
      if (n.businessSystems.length === 0) expect(n.cloudAllocation).toEqual({ vcpu: 0, memoryGb: 0, storageTb: 0 });
    }
    const cityVcpu = nodes.reduce((s: number, n: any) => s + n.cloudAllocation.vcpu, 0);
    expect(cityVcpu).toBeGreaterThan(0);
    expect(cityVcpu).toBeLessThanOrEqual(scorecard.cloudTenancy.allocated.vcpu);
  });

  it('agrees with the hotline: orders dispatched to city departments are part of all dispatched', () => {
    const nodes = scorecard.departments.edges.map((e: any) => e.node);
    const dispatched = nodes.reduce((s: number, n: any) => s + n.hotlineStatistics.dispatched, 0);
    expect(dispatched).toBeGreaterThan(0);
    expect(dispatched).toBeLessThanOrEqual(scorecard.hotlineStatistics.dispatched);
    for (const n of nodes) expect(n.hotlineStatistics.received).toBe(n.hotlineStatistics.dispatched);
  });

  it('pages each department’s items with counts matching its statistics', () => {
    for (const { node } of scorecard.departments.edges) {
      expect(node.serviceItems.totalCount).toBe(node.itemStatistics.total);
      expect(node.serviceItems.edges.length).toBe(Math.min(2, node.itemStatistics.total));
    }
  });
});

describe('hotline trend by county', () => {
  it('names every county through the catalogue and covers all orders', async () => {
    const { body } = await postGraphQL(inject('gatewayUrl'), TREND_BY_COUNTY, range);
    expect(body.errors).toBeUndefined();
    const groups = body.data.hotlineBreakdown;
    expect(groups).toHaveLength(9);
    for (const g of groups) {
      expect(g.region).toMatchObject({ code: g.key, level: 'COUNTY', parent: { code: '440800' } });
      expect(g.region.name).toMatch(/[区县市]$/);
    }
    expect(groups.reduce((s: number, g: any) => s + g.statistics.received, 0)).toBe(652_000);
  });
});
