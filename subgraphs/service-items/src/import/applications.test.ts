import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { governmentUscc } from '@govgraph/core';
import { importBatch, parseRecords, reasonsFor } from '@govgraph/core/testing';
import { refreshApplicationRollup } from '../store/application-rollup.js';
import { applicationNumber } from '../store/applications.js';
import { createTestGraph, DEPT, ITEM, type TestGraph } from '../test-support.js';
import { applications } from './applications.js';
import { asCsvRow, rawApplication, rawItem } from './import-test-support.js';
import { catalogueItems } from './items.js';

let graph: TestGraph;
beforeEach(async () => {
  graph = await createTestGraph();
});
afterEach(async () => {
  await graph.close();
});

/** An application on the fixture's item A (department d1). */
const onItemA = (overrides: Record<string, unknown> = {}) => rawApplication({ itemCode: ITEM.a, ...overrides });

describe('application schema', () => {
  it('normalises a JSON record and the same record as a CSV row', () => {
    const raw = onItemA({
      number: ' sq2021050600001 ',
      departmentCode: DEPT.d1.toLowerCase(),
      channel: '窗口',
      submittedAt: '2021/5/6 9:00:00',
      completedAt: '2021-05-06T01:30:00Z',
      rating: '非常满意',
      updatedAt: '2021-05-06 09:31:02.25',
    });
    const expected = {
      number: 'SQ2021050600001',
      itemCode: ITEM.a,
      departmentCode: DEPT.d1,
      channel: 'HALL',
      submittedAt: '2021-05-06T09:00:00+08:00',
      completedAt: '2021-05-06T09:30:00+08:00',
      rating: 5,
      updatedAt: '2021-05-06T09:31:02.250+08:00',
    };
    expect(parseRecords(applications, [raw, asCsvRow(raw)])).toEqual([expected, expected]);
  });

  it('reads blanks as "not yet": no completion, no rating', () => {
    const [open] = parseRecords(applications, [asCsvRow(onItemA({ channel: '粤智助', rating: ' ', completedAt: '' }))]);
    expect(open).toMatchObject({ channel: 'KIOSK', completedAt: null, rating: null });
  });

  it('rejects each kind of invalid record with a reason naming the field', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ number: '办件1' }, /^number: not an application number/],
      [{ number: undefined }, /^number: missing$/],
      [{ itemCode: 'X' }, /^itemCode: not a service-item code/],
      [{ departmentCode: `${DEPT.d1.slice(0, 17)}I` }, /^departmentCode: not an 18-character unified social credit code/],
      [{ channel: '电话' }, /^channel: not one of HALL, ONLINE, KIOSK \("电话"\)/],
      [{ rating: 6 }, /^rating: not one of 1, 2, 3, 4, 5 \(6\)/],
      [{ submittedAt: '2021-13-01 09:00' }, /^submittedAt: not a date and time/],
      [{ completedAt: '2021-05-06T08:59:59+08:00' }, /^completedAt: 2021-05-06T08:59:59\+08:00 is before submittedAt 2021-05-06T09:00:00\+08:00/],
      // 09:00 in UTC is 17:00 in the city: the offset is honoured before comparing.
      [{ submittedAt: '2021-05-06T09:00:00Z', completedAt: '2021-05-06T16:00:00+08:00' }, /^completedAt: .* is before submittedAt 2021-05-06T17:00:00\+08:00/],
      [{ updatedAt: '' }, /^updatedAt: not a date and time \(""\)/],
    ];
    for (const [overrides, reason] of cases) {
      expect(reasonsFor(applications, onItemA(overrides)).join('; '), JSON.stringify(overrides)).toMatch(reason);
    }
  });
});

describe('application references', () => {
  it('rejects unknown items and departments, both when both are unknown', async () => {
    const stranger = governmentUscc('440800', 9999);
    const records = parseRecords(applications, [
      onItemA({ number: 'A1' + '0'.repeat(3) }),
      onItemA({ number: 'A2000', itemCode: '440800XK99999' }),
      onItemA({ number: 'A3000', departmentCode: stranger }),
      onItemA({ number: 'A4000', itemCode: '440800XK99999', departmentCode: stranger }),
    ]);
    expect(await applications.checkReferences!(graph.db, records)).toEqual([
      { index: 1, reason: 'itemCode 440800XK99999: no such item in the catalogue (import the catalogue first)' },
      { index: 2, reason: `departmentCode ${stranger}: no such department in the catalogue` },
      {
        index: 3,
        reason: `itemCode 440800XK99999: no such item in the catalogue (import the catalogue first); departmentCode ${stranger}: no such department in the catalogue`,
      },
    ]);
  });
});

describe('application upsert', () => {
  const stored = (number: string) => graph.db.selectFrom('applications').selectAll().where('number', '=', number).executeTakeFirst();

  it('numbers new applications after the highest id and is idempotent', async () => {
    const batch = [onItemA({ number: 'SQ1' + '0'.repeat(4) }), onItemA({ number: 'SQ2' + '0'.repeat(4), channel: 'ONLINE' })];
    expect((await importBatch(graph.db, applications, batch)).counts).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    // The fixture holds ids 1-8.
    expect((await stored('SQ10000'))!.id).toBe(9);
    expect((await stored('SQ20000'))!.id).toBe(10);
    const before = await graph.db.selectFrom('applications').selectAll().orderBy('id').execute();
    expect((await importBatch(graph.db, applications, batch)).counts).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await graph.db.selectFrom('applications').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('writes two batches that arrive at the same time one after the other: distinct ids, both counted', async () => {
    // Two writers at once (a scheduled import and the import command): on PostgreSQL each
    // transaction reading the highest id would have picked the same next one.
    // Connections opened beforehand, so that the two transactions really overlap on PostgreSQL.
    await Promise.all([1, 2, 3].map(() => graph.db.selectFrom('applications').select('id').limit(1).execute()));
    const [first, second] = await Promise.all([
      importBatch(graph.db, applications, [onItemA({ number: 'SQ30000' })]),
      importBatch(graph.db, applications, [onItemA({ number: 'SQ40000', submittedAt: '2021-06-07T09:00:00+08:00' })]),
    ]);
    expect([first.counts.inserted, second.counts.inserted]).toEqual([1, 1]);
    const ids = [(await stored('SQ30000'))!.id, (await stored('SQ40000'))!.id];
    expect(ids.sort((a, b) => a - b)).toEqual([9, 10]);
    // Both refreshed the year's rollup row; the second saw the first's application.
    const rollup = () => graph.db.selectFrom('application_rollup').selectAll().orderBy('grain').orderBy('period').orderBy('department_code').orderBy('channel').execute();
    const maintained = await rollup();
    await refreshApplicationRollup(graph.db);
    expect(maintained).toEqual(await rollup());
  });

  it('ignores an older version that arrives after a newer one, and takes a later update', async () => {
    const submitted = onItemA({ updatedAt: '2021-05-06T09:00:00+08:00' });
    const completed = onItemA({ completedAt: '2021-05-07 10:00:00', updatedAt: '2021-05-07 10:00:00' });
    const rated = onItemA({ completedAt: '2021-05-07 10:00:00', rating: 2, updatedAt: '2021-05-08 11:00:00' });

    expect((await importBatch(graph.db, applications, [completed])).counts).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect((await importBatch(graph.db, applications, [submitted])).counts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await stored('SQ2021050600001')).toMatchObject({ completed_at: '2021-05-07T10:00:00+08:00', rating: null });

    expect((await importBatch(graph.db, applications, [rated])).counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await stored('SQ2021050600001')).toMatchObject({
      completed_at: '2021-05-07T10:00:00+08:00',
      rating: 2,
      upstream_updated_at: '2021-05-08T11:00:00+08:00',
    });
  });

  it('keeps the newest of a number that occurs twice in one batch', async () => {
    const { counts } = await importBatch(graph.db, applications, [
      onItemA({ rating: 5, completedAt: '2021-05-06 10:00', updatedAt: '2021-05-09 00:00' }),
      onItemA({ updatedAt: '2021-05-06 09:00' }),
    ]);
    expect(counts).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect((await stored('SQ2021050600001'))!.rating).toBe(5);
  });

  it('updates a seeded application, which has no upstream version yet, by its number', async () => {
    // Fixture application 3 (item B, HALL, 2021-02-01) is still open.
    const { counts } = await importBatch(graph.db, applications, [
      rawApplication({
        number: applicationNumber(3),
        itemCode: ITEM.b,
        submittedAt: '2021-02-01T00:00:00+08:00',
        completedAt: '2021-02-03T15:00:00+08:00',
        rating: '满意',
        updatedAt: '2021-02-03T15:00:00+08:00',
      }),
    ]);
    expect(counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await stored(applicationNumber(3))).toMatchObject({ id: 3, completed_at: '2021-02-03T15:00:00+08:00', rating: 4 });
  });
});

describe('application statistics after an import', () => {
  const ask = (itemCode?: string) =>
    graph.run(
      `query ($i: ID) { applicationStatistics(filter: { from: "2021-01-01", to: "2021-12-31", itemCode: $i }) { handled completed rated satisfied } }`,
      { i: itemCode ?? null },
    );

  it('reflect the committed batch at once', async () => {
    // Fixture, 2021: handled 6, completed 5, rated 5, satisfied 3.
    await importBatch(graph.db, applications, [
      onItemA({ number: 'N1000', completedAt: '2021-05-06 09:10', rating: 4, updatedAt: '2021-05-06 09:10' }),
      onItemA({ number: 'N2000', submittedAt: '2021-07-01 10:00', updatedAt: '2021-07-01 10:00' }),
    ]);
    const { data, errors } = await ask();
    expect(errors).toBeUndefined();
    expect(data.applicationStatistics).toEqual({ handled: 8, completed: 6, rated: 6, satisfied: 4 });
  });

  it('answer for an item the catalogue import just brought, which the static directory does not know', async () => {
    const before = await ask('440800XK90001');
    expect(before.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(before.errors?.[0]?.message).toBe('filter.itemCode: no service item has the code "440800XK90001"');

    await importBatch(graph.db, catalogueItems, [rawItem()]);
    await importBatch(graph.db, applications, [rawApplication({ completedAt: '2021-05-06 09:30', updatedAt: '2021-05-06 09:30' })]);
    const after = await ask('440800XK90001');
    expect(after.errors).toBeUndefined();
    expect(after.data.applicationStatistics).toEqual({ handled: 1, completed: 1, rated: 0, satisfied: 0 });
  });
});
