import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '@govgraph/core';
import { bucketEnd, bucketEndSql, EXACT_BELOW, handlingBucket, handlingBucketSql, isExactBucket, NO_END, OPEN_FROM } from './handling-buckets.js';

let db: Kysely<any>;
beforeAll(() => {
  db = openDatabase<any>({ subgraph: 'hotline', file: ':memory:' }).db;
});
afterAll(async () => {
  await db.destroy();
});

/** Every minute up to 40,000 (four weeks), and the minutes around every bucket edge beyond. */
function minutesToCheck(): number[] {
  const minutes = Array.from({ length: 40_000 }, (_, m) => m);
  for (let doubling = 32_768; doubling <= OPEN_FROM * 2; doubling *= 2) {
    for (let edge = doubling; edge < doubling * 2; edge += doubling / 8) minutes.push(edge - 1, edge, edge + 1);
  }
  return minutes;
}

describe('handling-time buckets', () => {
  it('are single minutes below an hour and at most an eighth of their first minute wide above', () => {
    for (let m = 0; m < EXACT_BELOW; m++) {
      expect(handlingBucket(m)).toBe(m);
      expect(isExactBucket(m)).toBe(true);
    }
    expect([64, 71, 72, 2047, 2048, 2303, 2304, 28_800].map(handlingBucket)).toEqual([64, 64, 72, 1920, 2048, 2048, 2304, 28_672]);
    for (const m of minutesToCheck()) {
      const bucket = handlingBucket(m);
      const end = bucketEnd(bucket);
      expect(bucket).toBeLessThanOrEqual(m);
      if (end === null) expect(bucket).toBe(OPEN_FROM);
      else {
        expect(m).toBeLessThan(end);
        expect(end - bucket).toBeLessThanOrEqual(Math.max(1, bucket / 8));
      }
    }
  });

  it('are cut the same by SQL as by TypeScript, minute for minute', async () => {
    const minutes = minutesToCheck();
    await sql`create table m (handling_minutes integer not null)`.execute(db);
    for (let i = 0; i < minutes.length; i += 5_000) {
      await db.insertInto('m').values(minutes.slice(i, i + 5_000).map((handling_minutes) => ({ handling_minutes }))).execute();
    }
    const rows = await db
      .selectFrom('m')
      .select(['handling_minutes', handlingBucketSql('handling_minutes').as('bucket')])
      .orderBy('handling_minutes')
      .execute();
    expect(rows).toHaveLength(minutes.length);
    const mismatches = rows.filter((r: any) => r.bucket !== handlingBucket(r.handling_minutes));
    expect(mismatches).toEqual([]);
    // And where each bucket ends.
    const ends = await db
      .selectFrom(db.selectFrom('m').select(handlingBucketSql('handling_minutes').as('bucket')).distinct().as('b'))
      .select(['bucket', bucketEndSql('bucket').as('end')])
      .execute();
    expect(ends).toHaveLength(64 + 14 * 8 + 1); // every bucket: the minutes, 8 per doubling, the open one
    expect(ends.filter((r: any) => r.end !== (bucketEnd(r.bucket) ?? NO_END))).toEqual([]);
  });
});
