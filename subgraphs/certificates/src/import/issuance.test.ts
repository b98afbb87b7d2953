import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBatch, reasonsFor } from '@govgraph/core/testing';
import { D1, D2, D3, openFixture, T1, T2, T3, T5, type FixtureDatabase } from '../__fixtures__/fixture.js';
import { rebuildIssuanceRollups } from '../store/issuance-rollup.js';
import { issuanceResource, type IssuanceRecord } from './issuance.js';

let fixture: FixtureDatabase;
beforeEach(async () => {
  fixture = await openFixture();
});
afterEach(() => fixture.close());

/** One upstream record as JSON would carry it; CSV rows are the same with every value a string. */
const raw = (overrides: Record<string, unknown> = {}) => ({
  typeCode: T1,
  departmentCode: D1,
  issueDate: '2021-01-04',
  issued: 120,
  updatedAt: '2021-01-05T09:00:00+08:00',
  ...overrides,
});

function parse(value: unknown): IssuanceRecord {
  return issuanceResource.schema.parse(value);
}

const dailyRow = (typeCode: string, day: string) =>
  fixture.db.selectFrom('issuance_daily').selectAll().where('type_code', '=', typeCode).where('day', '=', day).executeTakeFirst();

describe('the issuance record schema', () => {
  it('normalises a CSV row of strings: codes trimmed and upper-cased, dates in every accepted form', () => {
    const csvRow = {
      typeCode: ` ${T1.toLowerCase()} `,
      departmentCode: D1.toLowerCase(),
      issueDate: '2021/1/4',
      issued: '1,200',
      updatedAt: '2021-01-05 09:00:00',
    };
    expect(parse(csvRow)).toEqual({ typeCode: T1, departmentCode: D1, issueDate: '2021-01-04', issued: 1200, updatedAt: '2021-01-05T09:00:00+08:00' });
  });

  it('normalises a JSON record, converting a UTC timestamp to city time', () => {
    expect(parse(raw({ issueDate: '2021-01-04T00:00:00+08:00', updatedAt: '2021-01-05T01:00:00Z', unknownField: 'ignored' }))).toEqual({
      typeCode: T1,
      departmentCode: D1,
      issueDate: '2021-01-04',
      issued: 120,
      updatedAt: '2021-01-05T09:00:00+08:00',
    });
  });

  it('rejects each kind of malformed record with a reason naming the field and the value', () => {
    expect(reasonsFor(issuanceResource, raw({ typeCode: 'HUKOU-1' }))).toEqual([
      `typeCode: not a certificate type code (the issuing body's 18-character credit code and a 3-digit serial) ("HUKOU-1")`,
    ]);
    const wrongCheck = D1.slice(0, 17) + (D1[17] === '0' ? '1' : '0');
    expect(reasonsFor(issuanceResource, raw({ departmentCode: wrongCheck }))).toEqual([
      expect.stringMatching(/^departmentCode: credit code .{18} has check character ., expected .$/),
    ]);
    expect(reasonsFor(issuanceResource, raw({ issueDate: '2021-02-29' }))).toEqual(['issueDate: not a date ("2021-02-29")']);
    expect(reasonsFor(issuanceResource, raw({ issued: '-5' }))).toEqual(['issued: not a whole number of at least 0 ("-5")']);
    expect(reasonsFor(issuanceResource, raw({ issued: '2.5' }))).toEqual(['issued: not a whole number ("2.5")']);
    expect(reasonsFor(issuanceResource, raw({ updatedAt: '' }))).toEqual(['updatedAt: not a date and time ("")']);
    expect(reasonsFor(issuanceResource, { typeCode: T1 })).toEqual(['departmentCode: missing', 'issueDate: missing', 'issued: missing', 'updatedAt: missing']);
  });

  it('rejects a version older than the day it counts', () => {
    expect(reasonsFor(issuanceResource, raw({ issueDate: '2021-01-04', updatedAt: '2021-01-03 23:59:59' }))).toEqual([
      "updatedAt: 2021-01-03T23:59:59+08:00 is before the issue date 2021-01-04: a day's count is recorded on or after that day",
    ]);
  });

  it('keys a record by type, department and day, and versions it by updatedAt', () => {
    const record = parse(raw());
    expect(issuanceResource.naturalKey(record)).toBe(`${T1}|${D1}|2021-01-04`);
    expect(issuanceResource.version(record)).toBe('2021-01-05T09:00:00+08:00');
  });
});

describe('reference checks', () => {
  it('rejects unknown types, unknown departments and a department that does not issue the type', async () => {
    const unknownType = `${D1}099`;
    const records = [
      parse(raw()),
      parse(raw({ typeCode: unknownType })),
      parse(raw({ departmentCode: D3 })),
      parse(raw({ typeCode: T1, departmentCode: D2 })),
    ];
    expect(await issuanceResource.checkReferences!(fixture.db, records)).toEqual([
      { index: 1, reason: `unknown certificate type ${unknownType}: the certificate catalogue has no such type` },
      { index: 2, reason: `unknown department ${D3}: it is not onboarded to the certificate system and issues no certificate type` },
      { index: 3, reason: `certificate type ${T1} is issued by department ${D1} according to the catalogue, not by ${D2}` },
    ]);
  });

  it('writes nothing for a rejected record', async () => {
    const { counts, rejections } = await importBatch(fixture.db, issuanceResource, [raw({ typeCode: `${D1}099`, issueDate: '2021-05-05', updatedAt: '2021-05-06 08:00' })]);
    expect(rejections).toHaveLength(1);
    expect(counts).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    expect(await fixture.db.selectFrom('issuance_log').selectAll().execute()).toEqual([]);
  });
});

describe('upserting the issuance log', () => {
  const batch = [
    raw(), // replaces the fixture's 100 on 2021-01-04
    raw({ typeCode: T2, issueDate: '2021-08-02', issued: 4, updatedAt: '2021-08-03 10:00:00' }), // a new day
  ];

  it('replaces a stored day and adds a new one, and changes nothing when the batch comes again', async () => {
    expect((await importBatch(fixture.db, issuanceResource, batch)).counts).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await dailyRow(T1, '2021-01-04')).toEqual({ type_code: T1, department_code: D1, day: '2021-01-04', issued: 120 });
    expect(await dailyRow(T2, '2021-08-02')).toEqual({ type_code: T2, department_code: D1, day: '2021-08-02', issued: 4 });

    const before = await fixture.db.selectFrom('issuance_daily').selectAll().orderBy(['type_code', 'day']).execute();
    expect((await importBatch(fixture.db, issuanceResource, batch)).counts).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await fixture.db.selectFrom('issuance_daily').selectAll().orderBy(['type_code', 'day']).execute()).toEqual(before);
  });

  it('ignores an older count arriving after a newer one, and takes a newer one later', async () => {
    await importBatch(fixture.db, issuanceResource, [raw({ issued: 130, updatedAt: '2021-01-06 12:00:00' })]);
    expect((await importBatch(fixture.db, issuanceResource, [raw({ issued: 110, updatedAt: '2021-01-05 12:00:00' })])).counts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await dailyRow(T1, '2021-01-04'))?.issued).toBe(130);

    expect((await importBatch(fixture.db, issuanceResource, [raw({ issued: 125, updatedAt: '2021-01-07T04:00:00Z' })])).counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect((await dailyRow(T1, '2021-01-04'))?.issued).toBe(125);
  });

  it('keeps the newer of two counts for one day in the same batch', async () => {
    const counts = (await importBatch(fixture.db, issuanceResource, [raw({ issued: 140, updatedAt: '2021-01-08 08:00' }), raw({ issued: 90, updatedAt: '2021-01-07 08:00' })])).counts;
    expect(counts).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect((await dailyRow(T1, '2021-01-04'))?.issued).toBe(140);
  });

  it('removes a day corrected to 0, and an older count arriving afterwards does not bring it back', async () => {
    await importBatch(fixture.db, issuanceResource, [raw({ issued: 0, updatedAt: '2021-02-01 08:00:00' })]);
    expect(await dailyRow(T1, '2021-01-04')).toBeUndefined();
    expect((await importBatch(fixture.db, issuanceResource, [raw({ issued: 100, updatedAt: '2021-01-05 08:00:00' })])).counts.unchanged).toBe(1);
    expect(await dailyRow(T1, '2021-01-04')).toBeUndefined();
  });
});

describe('the rollups after an import', () => {
  const rollups = async () => ({
    keyed: await fixture.db.selectFrom('issuance_rollup').selectAll().orderBy('grain').orderBy('period').orderBy('type_code').execute(),
    total: await fixture.db.selectFrom('issuance_total_rollup').selectAll().orderBy('grain').orderBy('period').execute(),
  });

  /** What a recompute from issuance_daily writes, leaving the tables as they were. */
  async function recomputed() {
    return fixture.db.transaction().execute(async (trx) => {
      await rebuildIssuanceRollups(trx);
      const rows = {
        keyed: await trx.selectFrom('issuance_rollup').selectAll().orderBy('grain').orderBy('period').orderBy('type_code').execute(),
        total: await trx.selectFrom('issuance_total_rollup').selectAll().orderBy('grain').orderBy('period').execute(),
      };
      throw Object.assign(new Error('roll back'), { rows });
    }).catch((error: { rows?: Awaited<ReturnType<typeof rollups>> }) => {
      if (!error.rows) throw error;
      return error.rows;
    });
  }

  it('stay what a recompute gives through replacements up and down, zeroes, new days, new years and stale versions', async () => {
    const at = (updatedAt: string) => ({ updatedAt });
    const batches = [
      // Up, down and to nothing on seeded days; a new day in a month with others and in a new year.
      [
        raw({ issueDate: '2021-01-04', issued: 160, ...at('2021-01-06 09:00') }),
        raw({ issueDate: '2021-01-05', issued: 10, ...at('2021-01-06 09:00') }),
        raw({ issueDate: '2021-02-10', issued: 0, ...at('2021-02-11 09:00') }),
        raw({ issueDate: '2021-01-20', issued: 7, ...at('2021-01-21 09:00') }),
        raw({ typeCode: T2, issueDate: '2022-01-03', issued: 9, ...at('2022-01-03 18:00') }),
      ],
      // A whole month corrected to nothing (its month row goes), a stale version, a new type.
      [
        raw({ typeCode: T1, issueDate: '2021-04-01', issued: 0, ...at('2021-04-02 09:00') }),
        raw({ issueDate: '2021-01-04', issued: 1, ...at('2021-01-05 09:00') }),
        raw({ typeCode: T5, departmentCode: D2, issueDate: '2021-12-20', issued: 2, ...at('2021-12-20 17:00') }),
        raw({ typeCode: T3, departmentCode: D2, issueDate: '2021-07-15', issued: 61, ...at('2021-07-16 09:00') }),
      ],
      // The same again, and a day brought back after its correction to 0.
      [raw({ issueDate: '2021-02-10', issued: 25, ...at('2021-03-01 09:00') })],
    ];
    for (const batch of batches) {
      await importBatch(fixture.db, issuanceResource, batch);
      expect(await rollups()).toEqual(await recomputed());
    }
    const after = await rollups();
    // Spot checks by hand: T1 in January 160 + 10 + 7, nothing left in April, T2 in 2022.
    expect(after.keyed).toContainEqual({ grain: 'MONTH', period: '2021-01', type_code: T1, department_code: D1, issued: 177 });
    expect(after.keyed.filter((row) => row.type_code === T1 && row.period === '2021-04')).toEqual([]);
    expect(after.total).toContainEqual({ grain: 'YEAR', period: '2022', issued: 9 });
  });

  it('moves the rollup rows of the changed days only, never summing issuance_daily again', async () => {
    fixture.resetQueries();
    await importBatch(fixture.db, issuanceResource, [raw({ issued: 130 })]);
    const writes = fixture.queries.filter((q) => /issuance_(total_)?rollup/.test(q));
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.filter((q) => /issuance_daily/.test(q) || /^delete/i.test(q))).toEqual([]);
  });
});

describe('statistics after an import', () => {
  const ISSUANCE = /* GraphQL */ `
    query ($from: Date!, $to: Date!, $asOf: Date!) {
      issuanceStatistics(filter: { from: $from, to: $to }) { issued types }
      certificateStatistics(asOf: $asOf) { issuedTotal issuedTypes }
    }
  `;
  const variables = { from: '2021-01-01', to: '2021-12-31', asOf: '2021-12-31' };

  it('reflect the imported counts as soon as the transaction commits', async () => {
    const before = await fixture.execute(ISSUANCE, variables);
    expect(before.data).toEqual({ issuanceStatistics: { issued: 295, types: 3 }, certificateStatistics: { issuedTotal: 295, issuedTypes: 3 } });

    // 2021-01-04 goes from 100 to 120; T5, switched on but never issued, issues 2 on 2021-12-20.
    const t5 = raw({ typeCode: T5, departmentCode: D2, issueDate: '2021-12-20', issued: 2, updatedAt: '2021-12-20 17:00:00' });
    await importBatch(fixture.db, issuanceResource, [raw(), t5]);
    const after = await fixture.execute(ISSUANCE, variables);
    expect(after.data).toEqual({ issuanceStatistics: { issued: 317, types: 4 }, certificateStatistics: { issuedTotal: 317, issuedTypes: 4 } });
  });
});
