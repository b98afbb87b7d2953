/**
 * `_entities` with many representations must cost one SQL query per entity type (and one per
 * statistic and argument set), however many representations the gateway sends. Counted with the
 * database's query hook on in-process subgraphs over the seeded 2021 databases; no timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES, directory, gatewayCredentialHeaders, viewerWith } from '@govgraph/core';
import { startSubgraph as startServiceItems } from '@govgraph/service-items';
import { startSubgraph as startHotline } from '@govgraph/hotline';
import { startSubgraph as startCertificates } from '@govgraph/certificates';
import { startSubgraph as startCloud } from '@govgraph/cloud';
import { postGraphQL } from './harness/graphql.js';

type Started = { url: string; close(): Promise<void> };
const servers: Record<string, { server: Started; queries: string[] }> = {};

async function start(name: string, starter: (o: any) => Promise<Started>): Promise<void> {
  const queries: string[] = [];
  const server = await starter({ port: 0, onQuery: (e: any) => e.level === 'query' && queries.push(e.query.sql) });
  servers[name] = { server, queries };
}

async function countQueries(name: string, query: string, variables: Record<string, unknown>) {
  const target = servers[name]!;
  target.queries.length = 0;
  // Called as the gateway would, for a caller holding every scope.
  const credentials = await gatewayCredentialHeaders(name, viewerWith(ALL_SCOPES));
  const { body } = await postGraphQL(target.server.url, query, variables, credentials);
  expect(body.errors).toBeUndefined();
  return { data: body.data, count: target.queries.length, sql: [...target.queries] };
}

const cityDepartments = directory().departments.filter((d) => d.level === 'CITY').map((d) => d.code);
const someItems = directory().items.slice(0, 300).map((i) => i.code);
const someRegions = directory().regions.slice(0, 200).map((r) => r.code);

beforeAll(async () => {
  await start('service-items', startServiceItems);
  await start('hotline', startHotline);
  await start('certificates', startCertificates);
  await start('cloud', startCloud);
});

afterAll(async () => {
  await Promise.all(Object.values(servers).map(({ server }) => server.close()));
});

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Department { code name level }
      ... on ServiceItem { code name kind }
      ... on Region { code name regionLevel: level }
    }
  }
`;

describe('_entities batching', () => {
  it('service-items resolves 568 references of three types in three queries', async () => {
    const representations = [
      ...cityDepartments.map((code) => ({ __typename: 'Department', code })),
      ...someItems.map((code) => ({ __typename: 'ServiceItem', code })),
      ...someRegions.map((code) => ({ __typename: 'Region', code })),
    ];
    const { data, count } = await countQueries('service-items', ENTITIES, { representations });
    expect(data._entities).toHaveLength(representations.length);
    expect(data._entities.every((e: any) => e && e.name)).toBe(true);
    expect(count).toBe(3);
  });

  it('the same cost for 10 departments as for 68', async () => {
    const few = await countQueries('service-items', ENTITIES, {
      representations: cityDepartments.slice(0, 10).map((code) => ({ __typename: 'Department', code })),
    });
    const many = await countQueries('service-items', ENTITIES, {
      representations: cityDepartments.map((code) => ({ __typename: 'Department', code })),
    });
    expect(few.count).toBe(1);
    expect(many.count).toBe(1);
  });

  it('hotline answers a statistic for every city department in one grouped query', async () => {
    const { data, count } = await countQueries(
      'hotline',
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Department { code hotlineStatistics(from: "2021-01-01", to: "2021-12-31") { received satisfactionRate } }
        }
      }`,
      { representations: cityDepartments.map((code) => ({ __typename: 'Department', code })) },
    );
    expect(data._entities).toHaveLength(68);
    expect(count).toBeLessThanOrEqual(2);
  });

  it('certificates and cloud answer department fields with one query per field', async () => {
    const reps = { representations: cityDepartments.map((code) => ({ __typename: 'Department', code })) };
    const certs = await countQueries(
      'certificates',
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Department { onboardedToCertificateSystem certificatesIssued(from: "2021-01-01", to: "2021-12-31") } } }`,
      reps,
    );
    expect(certs.data._entities).toHaveLength(68);
    expect(certs.count).toBeLessThanOrEqual(2);
    const cloud = await countQueries(
      'cloud',
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Department { cloudAllocation { vcpu } businessSystems { id } } } }`,
      reps,
    );
    expect(cloud.data._entities).toHaveLength(68);
    expect(cloud.count).toBeLessThanOrEqual(2);
  });
});
