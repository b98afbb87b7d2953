/**
 * Keeping a day rollup in step with an import: an importer's upsert notes the days whose counts a
 * batch changed (an updated record counts on its old day as well as its new one), and its
 * afterUpsert refreshes those days. The runner hands both the very same array, so the array keys
 * the note between the two calls.
 */
import type { DateRange } from '../dates.js';

const DAY_MS = 86_400_000;

/**
 * The days as few ranges as is sensible for a refresh: a refresh has a fixed cost per call, so
 * days a few apart are refreshed as one range (the days between are recomputed to the same
 * values) rather than one call each.
 */
export function dayRanges(days: Iterable<string>, maxGapDays = 7): DateRange[] {
  const sorted = [...new Set(days)].sort();
  const ranges: DateRange[] = [];
  for (const day of sorted) {
    const last = ranges.at(-1);
    if (last && (Date.parse(day) - Date.parse(last.to)) / DAY_MS <= maxGapDays) last.to = day;
    else ranges.push({ from: day, to: day });
  }
  return ranges;
}

export class TouchedDays<TRecord> {
  readonly #days = new WeakMap<readonly TRecord[], Set<string>>();

  /** Notes `days` (ISO days, or instants whose first ten characters are the day) for `records`. */
  note(records: readonly TRecord[], days: Iterable<string>): void {
    const noted = this.#days.get(records) ?? new Set<string>();
    for (const day of days) noted.add(day.slice(0, 10));
    this.#days.set(records, noted);
  }

  /**
   * The ranges to refresh for `records`, forgetting the note; without one (an afterUpsert called
   * on its own), every record's day by `dayOf`.
   */
  take(records: readonly TRecord[], dayOf: (record: TRecord) => string): DateRange[] {
    const days = this.#days.get(records) ?? new Set(records.map((record) => dayOf(record).slice(0, 10)));
    this.#days.delete(records);
    return dayRanges(days);
  }
}
