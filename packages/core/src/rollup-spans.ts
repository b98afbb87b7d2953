/**
 * How a day range reads from a rollup kept per day, per month and (for some) per year: the whole
 * years from year rows, the whole months left from month rows, the days at either end from day
 * rows. A full year is then one row per key instead of 12 or 365. Shared by every subgraph that
 * keeps a rollup, so they all cut a range the same way.
 */
import { dayAfter, type DateRange } from './dates.js';

export type RollupGrain = 'DAY' | 'MONTH' | 'YEAR';

/** Every grain a rollup may keep, finest first. */
export const ROLLUP_GRAINS: readonly RollupGrain[] = ['DAY', 'MONTH', 'YEAR'];

/** How many leading characters of an ISO day or instant make its period at a grain (`2021-03` is 7). */
export const PERIOD_LENGTH = { DAY: 10, MONTH: 7, YEAR: 4 } as const satisfies Record<RollupGrain, number>;

/** The period a day (or an instant, whose first ten characters are its local day) falls in at a grain. */
export function periodAt(grain: RollupGrain, day: string): string {
  return day.slice(0, PERIOD_LENGTH[grain]);
}

export interface RollupSpan {
  grain: RollupGrain;
  /** Periods in the grain's own form, both included: `2021`, `2021-03` or `2021-03-05`. */
  from: string;
  to: string;
}

function lastDayOfMonth(month: string): string {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function monthAfter(month: string): string {
  return dayAfter(lastDayOfMonth(month)).slice(0, 7);
}

function monthBefore(month: string): string {
  return dayBefore(`${month}-01`).slice(0, 7);
}

/**
 * The spans covering exactly the days from..to, coarsest first: whole years (only when `coarsest`
 * is YEAR), whole months (unless it is DAY), then the leading and trailing days.
 */
export function rollupSpans(from: string, to: string, coarsest: RollupGrain = 'MONTH'): RollupSpan[] {
  const firstMonth = from.endsWith('-01') ? from.slice(0, 7) : monthAfter(from.slice(0, 7));
  const lastMonth = to === lastDayOfMonth(to.slice(0, 7)) ? to.slice(0, 7) : monthBefore(to.slice(0, 7));
  if (coarsest === 'DAY' || firstMonth > lastMonth) return [{ grain: 'DAY', from, to }];

  const spans: RollupSpan[] = [];
  const months: RollupSpan[] = [];
  const firstYear = firstMonth.endsWith('-01') ? Number(firstMonth.slice(0, 4)) : Number(firstMonth.slice(0, 4)) + 1;
  const lastYear = lastMonth.endsWith('-12') ? Number(lastMonth.slice(0, 4)) : Number(lastMonth.slice(0, 4)) - 1;
  if (coarsest === 'YEAR' && firstYear <= lastYear) {
    spans.push({ grain: 'YEAR', from: String(firstYear), to: String(lastYear) });
    if (firstMonth < `${firstYear}-01`) months.push({ grain: 'MONTH', from: firstMonth, to: `${firstYear - 1}-12` });
    if (lastMonth > `${lastYear}-12`) months.push({ grain: 'MONTH', from: `${lastYear + 1}-01`, to: lastMonth });
  } else {
    months.push({ grain: 'MONTH', from: firstMonth, to: lastMonth });
  }
  spans.push(...months);
  if (from < `${firstMonth}-01`) spans.push({ grain: 'DAY', from, to: dayBefore(`${firstMonth}-01`) });
  const lastDay = lastDayOfMonth(lastMonth);
  if (to > lastDay) spans.push({ grain: 'DAY', from: dayAfter(lastDay), to });
  return spans;
}

/** The whole months that overlap a range, as day bounds: `2021-03-05..04-10` → `03-01..04-30`. */
export function monthsAround(range: DateRange): DateRange {
  return { from: `${range.from.slice(0, 7)}-01`, to: lastDayOfMonth(range.to.slice(0, 7)) };
}

/** The whole years that overlap a range, as day bounds: `2021-03-05..04-10` → `2021-01-01..12-31`. */
export function yearsAround(range: DateRange): DateRange {
  return { from: `${range.from.slice(0, 4)}-01-01`, to: `${range.to.slice(0, 4)}-12-31` };
}
