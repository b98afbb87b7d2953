/**
 * The buckets of the handling-time histogram (work_order_handling), in whole minutes.
 *
 * Below 64 minutes every minute is its own bucket, so a median there (the call centre's direct
 * replies, most of the orders) is read off the histogram exactly. From 64 minutes up, each
 * doubling is cut into 8 equal buckets (64–71, 72–79, …, 2048–2303, …), so no bucket is wider
 * than an eighth of its first minute: the 2021 orders (1 minute to 20 days) fill 116 buckets, and
 * the orders inside the one bucket that holds a median are few enough to read for its exact
 * minute. Past 2^20 minutes (about two years) one open bucket holds the rest.
 *
 * The same cut is written twice, in TypeScript (the seed sums as it writes) and in SQL (refreshes
 * after an import), and a test checks they agree on every minute.
 */
import { sql, type RawBuilder } from 'kysely';

/** Minutes below this are buckets of one minute. */
export const EXACT_BELOW = 64;
const SUB_BUCKETS_PER_DOUBLING = 8;
/** From here on, one open bucket. */
export const OPEN_FROM = 2 ** 20;
/** Past the open bucket: an upper bound no handling time reaches (the largest 32-bit integer). */
export const NO_END = 2_147_483_647;

/** The bucket (its first minute) that holds `minutes`. */
export function handlingBucket(minutes: number): number {
  if (minutes < EXACT_BELOW) return minutes;
  if (minutes >= OPEN_FROM) return OPEN_FROM;
  const width = widthAt(minutes);
  return minutes - (minutes % width);
}

/** The first minute past bucket `bucket`; null for the open bucket. */
export function bucketEnd(bucket: number): number | null {
  if (bucket >= OPEN_FROM) return null;
  return bucket + (bucket < EXACT_BELOW ? 1 : widthAt(bucket));
}

/** Whether every order of the bucket has the bucket's own minute, so it needs no refinement. */
export function isExactBucket(bucket: number): boolean {
  return bucket < EXACT_BELOW;
}

function widthAt(minutes: number): number {
  // 2^floor(log2(minutes)) / 8, by integer steps: no floating point near powers of two.
  let doubling = EXACT_BELOW;
  while (doubling * 2 <= minutes) doubling *= 2;
  return doubling / SUB_BUCKETS_PER_DOUBLING;
}

/** The doublings [start, 2·start) from EXACT_BELOW up to OPEN_FROM. */
function doublings(): number[] {
  const out: number[] = [];
  for (let start = EXACT_BELOW; start < OPEN_FROM; start *= 2) out.push(start);
  return out;
}

/** bucketEnd as an SQL expression over a bucket column; the open bucket ends past any minute. */
export function bucketEndSql(column: string): RawBuilder<number> {
  const b = sql.ref(column);
  const steps = doublings().map((start) => sql`when ${b} < ${sql.lit(start * 2)} then ${b} + ${sql.lit(start / SUB_BUCKETS_PER_DOUBLING)}`);
  return sql<number>`case when ${b} < ${sql.lit(EXACT_BELOW)} then ${b} + 1 ${sql.join(steps, sql` `)} else ${sql.lit(NO_END)} end`;
}

/** handlingBucket as an SQL expression over an integer column, for SQLite and PostgreSQL alike. */
export function handlingBucketSql(column: string): RawBuilder<number> {
  const m = sql.ref(column);
  const steps = doublings().map(
    (start) => sql`when ${m} < ${sql.lit(start * 2)} then ${m} - ${m} % ${sql.lit(start / SUB_BUCKETS_PER_DOUBLING)}`,
  );
  return sql<number>`case when ${m} < ${sql.lit(EXACT_BELOW)} then ${m} ${sql.join(steps, sql` `)} else ${sql.lit(OPEN_FROM)} end`;
}
