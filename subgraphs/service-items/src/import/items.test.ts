import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { governmentUscc } from '@govgraph/core';
import { importBatch, parseRecords, reasonsFor } from '@govgraph/core/testing';
import { createTestGraph, DEPT, ITEM, type TestGraph } from '../test-support.js';
import { asCsvRow, rawItem } from './import-test-support.js';
import { catalogueItems } from './items.js';

let graph: TestGraph;
beforeEach(async () => {
  graph = await createTestGraph();
});
afterEach(async () => {
  await graph.close();
});

const NORMALISED = {
  code: '440800XK90001',
  name: '新设企业名称预先核准',
  kind: 'ADMINISTRATIVE_LICENSE',
  applicationBased: true,
  departmentCode: DEPT.d1,
  level: 'CITY',
  regionCode: '440800',
  statutoryDays: 20,
  promisedDays: 5,
  requiredVisits: 0,
  onlineAvailable: true,
  instant: false,
  oneWindowAcceptance: true,
  stationedInHall: true,
  stationedInCenter: true,
  platformApprovable: true,
  effectiveFrom: '2021-03-04',
  updatedAt: '2021-03-04T08:00:00+08:00',
};

describe('catalogue item schema', () => {
  it('normalises a JSON record written the upstream way', () => {
    const [item] = parseRecords(catalogueItems, [
      rawItem({
        code: ' 440800xk90001 ',
        name: '  新设企业名称预先核准 ',
        departmentCode: ` ${DEPT.d1.toLowerCase()}`,
        level: '市级',
        effectiveFrom: '2021/3/4',
        updatedAt: '2021-03-04 08:00:00',
        crossRegion: [{ scope: '市内通办', since: '2021/3/5' }],
        channels: [{ channel: 'yueshengshi', since: '2021-04-01' }],
      }),
    ]);
    expect(item).toEqual({
      ...NORMALISED,
      crossRegion: [{ scope: 'WITHIN_CITY', since: '2021-03-05' }],
      channels: [{ channel: 'YUESHENGSHI', since: '2021-04-01' }],
    });
  });

  it('reads the same record from a CSV row of strings, lists included', () => {
    const row = asCsvRow(
      rawItem({
        kind: 'XK',
        onlineAvailable: '是',
        instant: '0',
        stationedInHall: 'Y',
        statutoryDays: '20',
        updatedAt: '2021-03-04T00:00:00Z',
        crossRegion: 'WITHIN_CITY=2021-03-05; 广州办事专窗=2021/5/1',
        channels: '',
      }),
    );
    const [item] = parseRecords(catalogueItems, [row]);
    expect(item).toEqual({
      ...NORMALISED,
      crossRegion: [
        { scope: 'WITHIN_CITY', since: '2021-03-05' },
        { scope: 'GUANGZHOU_WINDOW', since: '2021-05-01' },
      ],
      channels: [],
    });
  });

  it('derives applicationBased from the kind when it is not sent', () => {
    const [service] = parseRecords(catalogueItems, [rawItem({ kind: '公共服务', applicationBased: undefined })]);
    expect(service!.applicationBased).toBe(false);
    expect(service!.kind).toBe('PUBLIC_SERVICE');
  });

  it('rejects each kind of invalid record with a reason naming the field', () => {
    const wrongCheck = DEPT.d1.slice(0, 17) + (DEPT.d1[17] === '0' ? '1' : '0');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ departmentCode: wrongCheck }, /^departmentCode: credit code \w{18} has check character \w, expected \w$/],
      [{ departmentCode: '12345' }, /^departmentCode: not an 18-character unified social credit code/],
      [{ regionCode: '4408001' }, /^regionCode: not a 6-, 9- or 12-digit division code/],
      [{ code: '事项1' }, /^code: not a service-item code/],
      [{ kind: '行政处罚' }, /^kind: not one of ADMINISTRATIVE_LICENSE.*\("行政处罚"\)/],
      [{ level: '省级' }, /^level: not one of CITY, COUNTY, TOWNSHIP/],
      [{ name: '' }, /^name: must not be empty/],
      [{ statutoryDays: '二十' }, /^statutoryDays: not a whole number/],
      [{ promisedDays: 30 }, /^promisedDays: is 30 days, longer than the statutory 20/],
      [{ effectiveFrom: '2021-02-30' }, /^effectiveFrom: not a date \("2021-02-30"\)/],
      [{ updatedAt: 'yesterday' }, /^updatedAt: not a date and time/],
      [{ onlineAvailable: 'sometimes' }, /^onlineAvailable: not true or false/],
      [{ crossRegion: 'WITHIN_CITY=2021-01-01;WITHIN_CITY=2021-02-01' }, /^crossRegion: lists WITHIN_CITY twice/],
      [{ crossRegion: '市外=2021-01-01' }, /^crossRegion\.0\.scope: not one of/],
      [{ channels: [{ channel: 'YUESHENGSHI' }] }, /^channels\.0\.since: missing/],
    ];
    for (const [overrides, reason] of cases) {
      expect(reasonsFor(catalogueItems, rawItem(overrides)).join('; '), JSON.stringify(overrides)).toMatch(reason);
    }
  });
});

describe('catalogue item references', () => {
  it('rejects unknown departments and regions, and regions outside the department’s', async () => {
    const items = parseRecords(catalogueItems, [
      rawItem({ code: '440800XK90001' }),
      rawItem({ code: '440800XK90002', departmentCode: governmentUscc('440800', 9999) }),
      rawItem({ code: '440800XK90003', regionCode: '440899' }),
      // A 赤坎区 department cannot own an item of 霞山区.
      rawItem({ code: '440803XK90004', departmentCode: DEPT.d4, level: '县级', regionCode: '440803' }),
      rawItem({ code: '440802XK90005', departmentCode: DEPT.d4, level: '县级', regionCode: '440802001' }),
    ]);
    const rejections = await catalogueItems.checkReferences!(graph.db, items);
    expect(rejections).toEqual([
      { index: 1, reason: `departmentCode ${governmentUscc('440800', 9999)}: no such department in the catalogue` },
      { index: 2, reason: 'regionCode 440899: no such administrative division' },
      { index: 3, reason: `regionCode 440803 lies outside 440802, the region of department ${DEPT.d4}` },
    ]);
  });
});

describe('catalogue item upsert', () => {
  const storedItem = (code: string) => graph.db.selectFrom('service_items').selectAll().where('code', '=', code).executeTakeFirst();

  it('is idempotent: the same batch twice changes nothing the second time', async () => {
    const batch = [rawItem(), rawItem({ code: '440800XK90002', name: '第二个事项' })];
    expect((await importBatch(graph.db, catalogueItems, batch)).counts).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const before = await graph.db.selectFrom('service_items').selectAll().orderBy('code').execute();
    expect((await importBatch(graph.db, catalogueItems, batch)).counts).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await graph.db.selectFrom('service_items').selectAll().orderBy('code').execute()).toEqual(before);
  });

  it('keeps the newer version when an older one arrives later, and takes a newer one after', async () => {
    await importBatch(graph.db, catalogueItems, [rawItem({ name: '第二版', updatedAt: '2021-06-01T10:00:00+08:00' })]);
    const late = await importBatch(graph.db, catalogueItems, [rawItem({ name: '第一版', updatedAt: '2021-05-01T10:00:00+08:00' })]);
    expect(late.counts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await storedItem('440800XK90001'))!.name).toBe('第二版');

    const newer = await importBatch(graph.db, catalogueItems, [rawItem({ name: '第三版', promisedDays: 1, updatedAt: '2021-07-01T10:00:00+08:00' })]);
    expect(newer.counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await storedItem('440800XK90001')).toMatchObject({ name: '第三版', promised_days: 1, upstream_updated_at: '2021-07-01T10:00:00+08:00' });
  });

  it('replaces a seeded item (no upstream version yet) with the upstream record', async () => {
    const { counts } = await importBatch(graph.db, catalogueItems, [
      rawItem({ code: ITEM.b, name: '施工许可证核发（新版）', promisedDays: 3, updatedAt: '2021-02-01 00:00:00' }),
    ]);
    expect(counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await storedItem(ITEM.b)).toMatchObject({ name: '施工许可证核发（新版）', promised_days: 3 });
  });

  it('writes only the newest of a code that occurs twice in one batch', async () => {
    const { counts } = await importBatch(graph.db, catalogueItems, [
      rawItem({ name: '新', updatedAt: '2021-03-05T00:00:00+08:00' }),
      rawItem({ name: '旧', updatedAt: '2021-03-04T00:00:00+08:00' }),
    ]);
    expect(counts).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect((await storedItem('440800XK90001'))!.name).toBe('新');
  });

  it('replaces cross-region and channel lists when sent, and leaves them when absent', async () => {
    const flags = (code: string) =>
      Promise.all([
        graph.db.selectFrom('item_cross_region').select(['scope', 'since']).where('item_code', '=', code).orderBy('scope').execute(),
        graph.db.selectFrom('item_channels').select(['channel', 'since']).where('item_code', '=', code).execute(),
      ]);
    // Fixture: A is WITHIN_CITY since 2020-06-01 and GUANGZHOU_WINDOW since 2021-05-01, on 粤商通.
    await importBatch(graph.db, catalogueItems, [
      rawItem({ code: ITEM.a, crossRegion: 'CROSS_PROVINCE_OUTBOUND=2021-08-01', updatedAt: '2021-08-01T00:00:00+08:00' }),
    ]);
    expect(await flags(ITEM.a)).toEqual([[{ scope: 'CROSS_PROVINCE_OUTBOUND', since: '2021-08-01' }], [{ channel: 'YUESHANGTONG', since: '2020-03-01' }]]);
    await importBatch(graph.db, catalogueItems, [rawItem({ code: ITEM.a, crossRegion: [], channels: [], updatedAt: '2021-09-01T00:00:00+08:00' })]);
    expect(await flags(ITEM.a)).toEqual([[], []]);
  });
});

describe('catalogue statistics after an import', () => {
  it('reflect the committed batch at once', async () => {
    const ask = `{
      catalogStatistics(asOf: "2021-12-31") { totalItems licences { items } cityLevelLicences { items } }
      crossRegion(asOf: "2021-12-31") { withinCityItems }
    }`;
    const before = (await graph.run(ask)).data;
    expect(before).toEqual({
      catalogStatistics: { totalItems: 6, licences: { items: 3 }, cityLevelLicences: { items: 2 } },
      crossRegion: { withinCityItems: 1 },
    });
    await importBatch(graph.db, catalogueItems, [rawItem({ crossRegion: [{ scope: 'WITHIN_CITY', since: '2021-03-05' }] })]);
    const { data, errors } = await graph.run(ask);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      catalogStatistics: { totalItems: 7, licences: { items: 4 }, cityLevelLicences: { items: 3 } },
      crossRegion: { withinCityItems: 2 },
    });
    const item = await graph.run(`{ serviceItem(code: "440800XK90001") { name kind department { code } } }`);
    expect(item.data.serviceItem).toEqual({ name: '新设企业名称预先核准', kind: 'ADMINISTRATIVE_LICENSE', department: { code: DEPT.d1 } });
  });
});
