import { describe, expect, it } from 'vitest';
import { createRandom } from '@govgraph/core';
import { addDays, daysBetween, isWorkingDay, localInstant, WeightedIndex } from './calendar.js';

describe('calendar', () => {
  it('knows the 2021 holidays and make-up working days', () => {
    expect(isWorkingDay('2021-02-12')).toBe(false); // 春节, a Friday
    expect(isWorkingDay('2021-02-07')).toBe(true); // a Sunday worked instead
    expect(isWorkingDay('2021-03-06')).toBe(false); // an ordinary Saturday
    expect(isWorkingDay('2021-03-08')).toBe(true);
    expect(daysBetween('2021-01-01', '2021-12-31').filter(isWorkingDay)).toHaveLength(250);
  });

  it('writes local instants with the +08:00 offset so the text sorts by time', () => {
    expect(localInstant('2021-03-01', 8 * 60 + 30)).toBe('2021-03-01T08:30:00+08:00');
    expect(localInstant('2021-12-31', 23 * 60 + 59, 59)).toBe('2021-12-31T23:59:59+08:00');
    expect(localInstant('2021-03-01', 9 * 60) < localInstant('2021-03-01', 10 * 60)).toBe(true);
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
  });

  it('draws indexes in proportion to their weights, never a zero-weight one', () => {
    const index = new WeightedIndex([1, 0, 3]);
    const random = createRandom('calendar-test');
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[index.draw(random)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.8);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.2);
  });
});
