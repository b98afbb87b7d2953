/**
 * The days an import touched, as few ranges as is sensible for refreshing the rollup: a refresh
 * has a fixed cost per call, so days a few apart are refreshed as one range (the days between
 * are recomputed to the same values) rather than one call each.
 */
import type { DayRange } from '../store/rollup.js';

const DAY = 86_400_000;

export function dayRanges(days: Iterable<string>, maxGapDays = 7): DayRange[] {
  const sorted = [...new Set(days)].sort();
  const ranges: DayRange[] = [];
  for (const day of sorted) {
    const last = ranges.at(-1);
    if (last && (Date.parse(day) - Date.parse(last.to)) / DAY <= maxGapDays) last.to = day;
    else ranges.push({ from: day, to: day });
  }
  return ranges;
}
