import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGraph, DEPT, type TestGraph } from './test-support.js';

let graph: TestGraph;
beforeAll(async () => {
  graph = await createTestGraph();
});
afterAll(async () => {
  await graph.close();
});

async function badInput(query: string, variables: Record<string, unknown> = {}): Promise<string> {
  const { data, errors } = await graph.run(query, variables);
  expect(errors, JSON.stringify(data)).toBeDefined();
  expect(errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
  return errors![0]!.message;
}

describe('bad arguments are BAD_USER_INPUT with a message saying what is wrong', () => {
  it('unknown codes', async () => {
    expect(await badInput(`{ serviceItems(filter: { departmentCode: "11440800000000000X" }) { totalCount } }`)).toMatch(/departmentCode.*no department/);
    expect(await badInput(`{ serviceItems(filter: { regionCode: "123456" }) { totalCount } }`)).toMatch(/regionCode.*no administrative division/);
    expect(await badInput(`{ departments(regionCode: "123456") { totalCount } }`)).toMatch(/regionCode/);
    expect(await badInput(`{ regions(parentCode: "123456") { totalCount } }`)).toMatch(/parentCode/);
    expect(await badInput(`{ kiosks(regionCode: "123456") { totalCount } }`)).toMatch(/regionCode/);
    expect(await badInput(`{ applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", itemCode: "XX" }) { handled } }`)).toMatch(/itemCode.*no service item/);
    // Well-formed, but not in the catalogue's items table (item codes are checked against the table).
    expect(await badInput(`{ applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", itemCode: "440800XK99999" }) { handled } }`)).toBe(
      'filter.itemCode: no service item has the code "440800XK99999"',
    );
    expect(await badInput(`{ applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", departmentCode: "XX" }) { handled } }`)).toMatch(/departmentCode/);
  });

  it('malformed cursors', async () => {
    expect(await badInput(`{ serviceItems(after: "not a cursor!") { totalCount } }`)).toMatch(/after/);
    expect(await badInput(`{ departments(after: "Zm9v") { totalCount } }`)).toMatch(/cursor/);
    expect(await badInput(`{ kiosks(after: "") { totalCount } }`)).toMatch(/cursor/);
    expect(
      await badInput(`query ($code: ID!) { department(code: $code) { serviceItems(after: "%%%") { totalCount } } }`, { code: DEPT.d1 }),
    ).toMatch(/cursor/);
  });

  it('reversed date ranges', async () => {
    expect(await badInput(`{ serviceCenter(from: "2021-12-31", to: "2021-01-01") { stationedItems } }`)).toMatch(/from \(2021-12-31\) is after to/);
    expect(await badInput(`{ applicationStatistics(filter: { from: "2021-02-01", to: "2021-01-01" }) { handled } }`)).toMatch(/after/);
    expect(
      await badInput(`query ($code: ID!) { department(code: $code) { applicationStatistics(from: "2021-02-01", to: "2021-01-01") { handled } } }`, { code: DEPT.d1 }),
    ).toMatch(/after/);
  });

  it('malformed dates (as variables; a bad literal fails GraphQL validation instead)', async () => {
    expect(await badInput(`query ($d: Date!) { catalogStatistics(asOf: $d) { totalItems } }`, { d: '2021-02-30' })).toMatch(/YYYY-MM-DD/);
  });

  it('page sizes out of bounds', async () => {
    expect(await badInput(`{ serviceItems(first: 0) { totalCount } }`)).toMatch(/first must be between 1 and 200/);
    expect(await badInput(`{ departments(first: 201) { totalCount } }`)).toMatch(/first/);
    expect(await badInput(`{ regions(first: -1) { totalCount } }`)).toMatch(/first/);
    expect(
      await badInput(`query ($code: ID!) { department(code: $code) { serviceItems(first: 500) { totalCount } } }`, { code: DEPT.d1 }),
    ).toMatch(/first/);
  });

  it('over-long search text', async () => {
    const message = await badInput(`query ($t: String) { serviceItems(filter: { nameContains: $t }) { totalCount } }`, { t: '事'.repeat(101) });
    expect(message).toMatch(/nameContains is at most 100 characters, got 101/);
  });

  it('impossible years', async () => {
    expect(await badInput(`{ serviceChannels(year: 99999) { code } }`)).toMatch(/year/);
    expect(await badInput(`{ delegationBatches(year: 12) { number } }`)).toMatch(/year/);
  });
});
