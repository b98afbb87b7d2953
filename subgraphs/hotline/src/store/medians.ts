/**
 * The median handling time per group: the value at 0-based position floor(n / 2) of the group's
 * sorted handling minutes over its n completed orders (the upper median for an even n).
 *
 * Wherever the counts come from the rollup, the median comes from the handling-time histogram:
 *  - when each group is exactly one period the histogram holds (a year, a month, a day of the
 *    city), its median is stored in work_order_medians: one indexed row per group;
 *  - otherwise the group's buckets are summed over its periods (and, for days without histogram
 *    rows, counted from the orders of those days) and walked to the bucket holding position
 *    floor(n / 2). Below 64 minutes a bucket is one minute, so that is the median; in a wider
 *    bucket the median is the order at that rank among the group's orders in the bucket, read
 *    through an index in one statement for all such groups.
 * Both give exactly what sorting the orders gives; other questions (an item, a village, two
 * dimensions at once) are answered from the orders directly, as the counts are.
 */
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { dayAfter, periodsBetween, rollupSpans, type Granularity, type RollupGrain, type RollupSpan } from '@govgraph/core';
import { applyFilter, type OrderFilter } from './filters.js';
import { bucketEnd, handlingBucketSql, isExactBucket, NO_END } from './handling-buckets.js';
import { hasDayRows } from './handling-histogram.js';
import type { Database, RollupDimension } from './schema.js';
import {
  DIMENSION_COLUMN,
  filterConstraints,
  orderBranches,
  periodKey,
  regionLevels,
  unionAll,
  WHOLE,
  coarsestFor,
  type Grouping,
  type KeyColumn,
} from './statistics.js';

/** How a histogram question labels its groups. */
type Label =
  | { kind: 'KEY'; column: KeyColumn }
  | { kind: 'CONSTANT'; value: string }
  | { kind: 'PERIOD'; granularity: Granularity };

/** A grouping the histogram answers: one dimension, its keys, a label per group. */
interface HistogramQuestion {
  dimension: RollupDimension;
  label: Label;
  /** Histogram keys to read (the groups asked for, or the key a filter pins); null: all. */
  keys: readonly string[] | null;
  filter: OrderFilter;
}

/** What the orders answer directly. */
interface OrdersQuestion {
  grouping: Grouping;
  keys: readonly string[] | undefined;
}

/** A walked group: the bucket holding its median and the median's rank in it. */
interface MedianBucket {
  k: string;
  bucket: number;
  rank: number;
}

// ---------------------------------------------------------------------------------------------
// Which questions the histogram answers: the same ones the rollup answers for the counts.

const DIMENSION_OF_COLUMN: Record<'county_code' | 'township_code', RollupDimension> = {
  county_code: 'COUNTY',
  township_code: 'TOWNSHIP',
};

/** Splits a grouping into what the histogram answers and what the orders must. */
function questionsOf(grouping: Grouping, keys: readonly string[] | undefined): { histogram: HistogramQuestion[]; orders: OrdersQuestion[] } {
  const { filter, by } = grouping;
  const ordersOnly = { histogram: [], orders: [{ grouping, keys }] };
  const pinned = filterConstraints(filter);
  if (pinned === null || by.kind === 'ITEM') return ordersOnly;
  if (by.kind === 'REGION') {
    if (pinned.length > 0) return ordersOnly;
    const histogram: HistogramQuestion[] = [];
    const orders: OrdersQuestion[] = [];
    for (const { column, codes } of regionLevels(keys ?? [])) {
      if (column === null) histogram.push({ dimension: 'ALL', label: { kind: 'CONSTANT', value: codes[0]! }, keys: null, filter });
      else if (column === 'county_code' || column === 'township_code') {
        histogram.push({ dimension: DIMENSION_OF_COLUMN[column], label: { kind: 'KEY', column }, keys: codes, filter });
      } else orders.push({ grouping, keys: codes });
    }
    return { histogram, orders };
  }
  const dimensions = new Set([...pinned.map(([d]) => d), ...(by.kind === 'DIMENSION' ? [by.dimension] : [])]);
  if (dimensions.size > 1) return ordersOnly;
  const dimension: RollupDimension = [...dimensions][0] ?? 'ALL';
  // A daily trend of one county or department would need day rows only the city has.
  if (by.kind === 'PERIOD' && by.granularity === 'DAY' && !hasDayRows(dimension)) return ordersOnly;
  const pinnedKey = pinned[0]?.[1];
  const restrict = pinnedKey !== undefined ? [pinnedKey].filter((p) => !keys || keys.includes(p)) : (keys ?? null);
  const label: Label =
    by.kind === 'WHOLE'
      ? { kind: 'CONSTANT', value: '*' }
      : by.kind === 'PERIOD'
        ? { kind: 'PERIOD', granularity: by.granularity }
        : { kind: 'KEY', column: DIMENSION_COLUMN[by.dimension] };
  return { histogram: [{ dimension, label, keys: restrict, filter }], orders: [] };
}

// ---------------------------------------------------------------------------------------------
// Stored medians, and the bucket of each other group's median.

/** The coarsest histogram grain the label's groups can be read from. */
function coarsestGrain(label: Label): RollupGrain {
  return label.kind === 'PERIOD' ? coarsestFor(label.granularity) : 'YEAR';
}

/** The grain whose periods are exactly the label's groups, when there is one. */
function grainOfLabel(label: Label): RollupGrain | null {
  if (label.kind !== 'PERIOD') return null;
  return label.granularity === 'QUARTER' ? null : label.granularity;
}

function histogramLabel(label: Label): RawBuilder<string> {
  switch (label.kind) {
    case 'KEY':
      return sql<string>`key`;
    case 'CONSTANT':
      return sql<string>`cast(${label.value} as text)`;
    case 'PERIOD':
      return periodKey('period', label.granularity);
  }
}

function orderLabel(label: Label): RawBuilder<string> {
  switch (label.kind) {
    case 'KEY':
      return sql<string>`${sql.ref(label.column)}`;
    case 'CONSTANT':
      return sql<string>`cast(${label.value} as text)`;
    case 'PERIOD':
      return periodKey('received_at', label.granularity);
  }
}

/** The histogram rows of one span of a question. */
function histogramRows(db: Kysely<Database>, question: HistogramQuestion, span: RollupSpan) {
  let rows = db
    .selectFrom('work_order_handling')
    .where('dimension', '=', question.dimension)
    .where('grain', '=', span.grain)
    .where('period', '>=', span.from)
    .where('period', '<=', span.to);
  if (question.keys) rows = rows.where('key', 'in', question.keys);
  return rows;
}

interface Plan {
  question: HistogramQuestion;
  /** Spans read from histogram rows. */
  spans: RollupSpan[];
  /** Days without histogram rows, counted from the orders. */
  orderDays: RollupSpan[];
}

function plan(question: HistogramQuestion): Plan {
  const spans: RollupSpan[] = [];
  const orderDays: RollupSpan[] = [];
  for (const span of rollupSpans(question.filter.from, question.filter.to, coarsestGrain(question.label))) {
    if (span.grain === 'DAY' && !hasDayRows(question.dimension)) orderDays.push(span);
    else spans.push(span);
  }
  return { question, spans, orderDays };
}

/** Whether every group of the plan is exactly one histogram period, whose median is stored. */
function onePeriodPerGroup({ question, spans, orderDays }: Plan): boolean {
  if (orderDays.length > 0) return false;
  const grain = grainOfLabel(question.label);
  if (grain !== null) return spans.every((span) => span.grain === grain);
  return question.label.kind !== 'PERIOD' && spans.length === 1 && spans[0]!.from === spans[0]!.to;
}

/** One period per group: each group's median as work_order_medians holds it. */
function storedMedians(db: Kysely<Database>, { question, spans }: Plan) {
  if (question.keys?.length === 0) return [];
  return spans.map((span) => {
    let rows = db
      .selectFrom('work_order_medians')
      .select([histogramLabel(question.label).as('k'), 'median_minutes as m'])
      .where('dimension', '=', question.dimension)
      .where('grain', '=', span.grain)
      .where('period', '>=', span.from)
      .where('period', '<=', span.to);
    if (question.keys) rows = rows.where('key', 'in', question.keys);
    return rows;
  });
}

interface BucketCountRow {
  k: string;
  bucket: number;
  n: number;
}

type BucketCountSource = SelectQueryBuilder<Database, any, BucketCountRow>;

/** Several periods per group: every bucket count of every period, to be summed per group. */
function bucketCounts(db: Kysely<Database>, { question, spans, orderDays }: Plan): BucketCountSource[] {
  if (question.keys?.length === 0) return [];
  const fromHistogram = spans.map((span) =>
    histogramRows(db, question, span).select([histogramLabel(question.label).as('k'), 'bucket', 'orders as n']),
  );
  const fromOrders = orderDays.map((days) => {
    let orders = applyFilter(db.selectFrom('work_orders'), { ...question.filter, from: days.from, to: days.to })
      .select([orderLabel(question.label).as('k'), handlingBucketSql('handling_minutes').as('bucket'), sql<number>`count(*)`.as('n')])
      .where('handling_minutes', 'is not', null)
      .groupBy([sql`1`, sql`2`]);
    const { label } = question;
    if (label.kind === 'KEY') {
      orders = orders.where(sql.ref(label.column), 'is not', null);
      if (question.keys) orders = orders.where(sql.ref(label.column), 'in', question.keys);
    }
    return orders;
  });
  return [...fromHistogram, ...fromOrders];
}

/** Walks each group's summed buckets (sorted by group, then bucket) to the one holding the median. */
function medianBuckets(rows: readonly BucketCountRow[]): MedianBucket[] {
  const out: MedianBucket[] = [];
  for (let start = 0; start < rows.length; ) {
    const k = rows[start]!.k;
    let end = start;
    let total = 0;
    for (; end < rows.length && rows[end]!.k === k; end++) total += Number(rows[end]!.n);
    const position = Math.floor(total / 2);
    let below = 0;
    for (let i = start; i < end; i++) {
      const n = Number(rows[i]!.n);
      if (below + n > position) {
        out.push({ k: String(k), bucket: Number(rows[i]!.bucket), rank: position - below });
        break;
      }
      below += n;
    }
    start = end;
  }
  return out;
}

/** Several periods per group: the bucket of each group's median, from the summed histogram. */
async function walkedMedianBuckets(db: Kysely<Database>, plans: readonly Plan[]): Promise<MedianBucket[]> {
  const summed = unionAll(plans.flatMap((p) => bucketCounts(db, p)));
  if (!summed) return [];
  const rows = await db
    .selectFrom(summed.as('c'))
    .select(['k', 'bucket', sql<number>`sum(n)`.as('n')])
    .groupBy(['k', 'bucket'])
    .orderBy('k')
    .orderBy('bucket')
    .execute();
  return medianBuckets(rows);
}

// ---------------------------------------------------------------------------------------------
// The exact minute inside a bucket wider than one minute.

/** The filter that holds exactly group `k`'s orders of a question. */
function groupFilter(question: HistogramQuestion, k: string): OrderFilter {
  const { filter, label } = question;
  if (label.kind !== 'PERIOD') return filter;
  const period = periodsBetween(filter.from, filter.to, label.granularity).find((p) => p.period === k);
  if (!period) throw new Error(`no period ${k} in ${filter.from}..${filter.to}`);
  return { ...filter, from: period.from, to: period.to };
}

interface WantedRow {
  k: string;
  lo: number;
  hi: number;
  rnk: number;
  day_from: string;
  day_until: string;
}

/**
 * The order at each group's rank, in minute order, among the group's orders in its median's
 * bucket: the groups' buckets as a VALUES list joined to the orders through an index (a
 * department's orders by department_code and handling_minutes; otherwise the minutes-first
 * statistics index), numbered per group. One statement of a few parameters per group.
 */
function ordersAtRank(db: Kysely<Database>, question: HistogramQuestion, buckets: readonly MedianBucket[]) {
  // In parentheses: Kysely writes a raw CTE body as it is, and WITH needs `AS (...)`.
  const wanted = sql<WantedRow>`(values ${sql.join(
    buckets.map(({ k, bucket, rank }) => {
      const group = groupFilter(question, k);
      return sql`(cast(${k} as text), cast(${bucket} as integer), cast(${bucketEnd(bucket) ?? NO_END} as integer), cast(${rank} as integer), cast(${group.from} as text), cast(${dayAfter(group.to)} as text))`;
    }),
  )})`;
  const { label } = question;
  const column = label.kind === 'KEY' ? label.column : null;
  let orders = applyFilter(db.selectFrom('work_orders'), question.filter).select([
    'handling_minutes',
    'received_at',
    (column ? sql<string>`${sql.ref(column)}` : sql<string>`''`).as('group_key'),
  ]);
  // Said outright, so SQLite sees it may use the partial index on department_code.
  if (column) orders = orders.where(sql.ref(column), 'is not', null);
  // A cross join with the conditions in WHERE: SQLite then keeps the listed groups as the outer
  // loop (one index range per group) instead of scanning the receipt range for every order.
  let numbered = db
    .with('wanted(k, lo, hi, rnk, day_from, day_until)', () => wanted)
    .selectFrom('wanted')
    .crossJoin(orders.as('o'))
    .select([
      'wanted.k as k',
      'wanted.rnk as rnk',
      'o.handling_minutes as m',
      sql<number>`row_number() over (partition by wanted.k order by o.handling_minutes)`.as('position'),
    ])
    .whereRef('o.handling_minutes', '>=', 'wanted.lo')
    .whereRef('o.handling_minutes', '<', 'wanted.hi')
    .whereRef('o.received_at', '>=', 'wanted.day_from')
    .whereRef('o.received_at', '<', 'wanted.day_until');
  if (column) numbered = numbered.whereRef('o.group_key', '=', 'wanted.k');
  return db
    .selectFrom(numbered.as('n'))
    .select(['k', 'm'])
    .where(sql<boolean>`position = rnk + 1`);
}

async function exactMinutes(db: Kysely<Database>, wide: readonly { question: HistogramQuestion; bucket: MedianBucket }[]) {
  const byQuestion = new Map<HistogramQuestion, MedianBucket[]>();
  for (const { question, bucket } of wide) byQuestion.set(question, [...(byQuestion.get(question) ?? []), bucket]);
  const union = unionAll([...byQuestion].map(([question, buckets]) => ordersAtRank(db, question, buckets)));
  return new Map((await union!.execute()).map((r) => [String(r.k), Number(r.m)]));
}

async function mediansFromHistogram(db: Kysely<Database>, questions: readonly HistogramQuestion[]): Promise<Map<string, number>> {
  const plans = questions.map(plan);
  const medians = new Map<string, number>();
  const stored = unionAll(plans.filter(onePeriodPerGroup).flatMap((p) => storedMedians(db, p)));
  if (stored) for (const r of await stored.execute()) medians.set(String(r.k), Number(r.m));

  const walked = plans.filter((p) => !onePeriodPerGroup(p));
  if (walked.length === 0) return medians;
  const buckets = await walkedMedianBuckets(db, walked);
  // Group keys never repeat across the questions of one grouping (they are different levels of
  // division, each with codes of its own length), so a key names its question.
  const questionOf = (k: string) => walked.find((p) => belongsTo(p.question, k))!.question;
  const wide: { question: HistogramQuestion; bucket: MedianBucket }[] = [];
  for (const b of buckets) {
    if (isExactBucket(b.bucket)) medians.set(b.k, b.bucket);
    else wide.push({ question: questionOf(b.k), bucket: b });
  }
  if (wide.length > 0) for (const [k, m] of await exactMinutes(db, wide)) medians.set(k, m);
  return medians;
}

/** Whether group key `k` came from `question` (see mediansFromHistogram). */
function belongsTo(question: HistogramQuestion, k: string): boolean {
  switch (question.label.kind) {
    case 'CONSTANT':
      return k === question.label.value;
    case 'KEY':
      return question.keys === null || question.keys.includes(k);
    case 'PERIOD':
      return true;
  }
}

// ---------------------------------------------------------------------------------------------
// From the orders.

/**
 * The median per group straight from the orders: counted per (group, minutes), then read off a
 * running total as the value at position floor(n / 2) (`2 · running > n` avoids division). For
 * what the histogram cannot answer, and as the reference the tests hold the histogram to.
 */
export async function mediansFromOrders(
  db: Kysely<Database>,
  grouping: Grouping,
  keys?: readonly string[],
): Promise<Map<string, number>> {
  const orders = unionAll(orderBranches(db, grouping, keys).map((b) => b.where('handling_minutes', 'is not', null)));
  if (!orders) return new Map();
  // Bucketing the whole set by minutes alone lets the planner stream the buckets out of the
  // index ordered by handling_minutes instead of sorting every order.
  const whole = grouping.by.kind === 'WHOLE';
  const rows = await db
    .with('orders', () => orders)
    .with('buckets', (qb) =>
      qb
        .selectFrom('orders')
        .select([(whole ? WHOLE : sql<string>`k`).as('k'), 'm', sql<number>`count(*)`.as('n')])
        .groupBy(whole ? ['m'] : ['k', 'm']),
    )
    .with('ranked', (qb) =>
      qb
        .selectFrom('buckets')
        .select([
          'k',
          'm',
          sql<number>`sum(n) over (partition by k order by m)`.as('running'),
          sql<number>`sum(n) over (partition by k)`.as('total'),
        ]),
    )
    .selectFrom('ranked')
    .select(['k', sql<number>`min(case when 2 * running > total then m end)`.as('median')])
    .groupBy('k')
    .execute();
  return new Map(rows.filter((r) => r.median != null).map((r) => [String(r.k), Number(r.median)]));
}

// ---------------------------------------------------------------------------------------------

/**
 * Median handling minutes per group of a grouping; groups without a completed order are absent.
 * `keys` restricts entity batches; `fromOrders` skips the histogram (the tests compare both).
 */
export async function mediansOf(
  db: Kysely<Database>,
  grouping: Grouping,
  keys?: readonly string[],
  { fromOrders = false } = {},
): Promise<Map<string, number>> {
  if (fromOrders) return mediansFromOrders(db, grouping, keys);
  const { histogram, orders } = questionsOf(grouping, keys);
  const medians = histogram.length > 0 ? await mediansFromHistogram(db, histogram) : new Map<string, number>();
  for (const question of orders) {
    for (const [k, m] of await mediansFromOrders(db, question.grouping, question.keys)) medians.set(k, m);
  }
  return medians;
}

