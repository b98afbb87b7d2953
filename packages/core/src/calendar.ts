/**
 * Calendar helpers for the seeds (one calendar for every subgraph): the 2021 public-holiday schedule of the State Council (with its
 * make-up working days), and local instants written with the city's `+08:00` offset.
 */
import type { Random } from './seeding.js';

const DAY_MS = 86_400_000;

/** Days off in 2021 besides weekends (元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆). */
const HOLIDAYS_2021 = new Set([
  '2021-01-01', '2021-01-02', '2021-01-03',
  '2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14', '2021-02-15', '2021-02-16', '2021-02-17',
  '2021-04-03', '2021-04-04', '2021-04-05',
  '2021-05-01', '2021-05-02', '2021-05-03', '2021-05-04', '2021-05-05',
  '2021-06-12', '2021-06-13', '2021-06-14',
  '2021-09-19', '2021-09-20', '2021-09-21',
  '2021-10-01', '2021-10-02', '2021-10-03', '2021-10-04', '2021-10-05', '2021-10-06', '2021-10-07',
]);

/** Weekend days that were working days in 2021, to make up for the long holidays (调休). */
const MAKE_UP_DAYS_2021 = new Set(['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09']);

export function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayFromNumber(dayNumber(day) + days);
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let n = dayNumber(from), end = dayNumber(to); n <= end; n++) out.push(dayFromNumber(n));
  return out;
}

/** A statutory public holiday (法定节假日) of 2021. */
export function isPublicHoliday(day: string): boolean {
  return HOLIDAYS_2021.has(day);
}

/** An office day: a weekday that is not a holiday, or a weekend day worked in exchange (调休). */
export function isWorkingDay(day: string): boolean {
  if (HOLIDAYS_2021.has(day)) return false;
  if (MAKE_UP_DAYS_2021.has(day)) return true;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** A uniformly random day in [from, to]. */
export function randomDay(random: Random, from: string, to: string): string {
  return dayFromNumber(random.int(dayNumber(from), dayNumber(to)));
}

// Lookup tables: the seed writes a million instants, and formatting each piece anew dominates.
const CLOCK = Array.from({ length: 24 * 60 }, (_, m) => `T${pad2(Math.floor(m / 60))}:${pad2(m % 60)}:`);
const SECONDS = Array.from({ length: 60 }, (_, s) => `${pad2(s)}+08:00`);

/** Local wall-clock time (minutes since midnight, seconds) on a day, as ISO text with +08:00. */
export function localInstant(day: string, minuteOfDay: number, second = 0): string {
  return day + CLOCK[minuteOfDay]! + SECONDS[second]!;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Picks an index by weight with a prebuilt cumulative table: O(log n) per draw, which matters
 * when half a million applications each draw a day.
 */
export class WeightedIndex {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new Error('WeightedIndex needs a positive weight');
  }

  draw(random: Random): number {
    const total = this.cumulative[this.cumulative.length - 1]!;
    const r = random.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
