import { describe, expect, it } from 'vitest';
import { assertDateRange, dayAfter, isIsoDate, periodOf, periodsBetween } from './dates.js';

describe('dates', () => {
  it('accepts only real calendar days', () => {
    expect(isIsoDate('2021-02-28')).toBe(true);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2021-13-01')).toBe(false);
    expect(isIsoDate('2021-1-01')).toBe(false);
  });

  it('rejects a reversed range with BAD_USER_INPUT', () => {
    expect(() => assertDateRange('2021-12-31', '2021-01-01')).toThrowError(/after/);
    try {
      assertDateRange('2021-12-31', '2021-01-01');
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(assertDateRange('2021-01-01', '2021-01-01')).toEqual({ from: '2021-01-01', to: '2021-01-01' });
  });

  it('steps over month and year ends', () => {
    expect(dayAfter('2021-02-28')).toBe('2021-03-01');
    expect(dayAfter('2021-12-31')).toBe('2022-01-01');
  });

  it('labels periods', () => {
    expect(periodOf('2021-08-15', 'QUARTER')).toBe('2021-Q3');
    expect(periodOf('2021-08-15', 'MONTH')).toBe('2021-08');
    expect(periodOf('2021-08-15', 'YEAR')).toBe('2021');
  });

  it('clips the first and last periods to the range', () => {
    const periods = periodsBetween('2021-02-15', '2021-05-10', 'MONTH');
    expect(periods.map((p) => p.period)).toEqual(['2021-02', '2021-03', '2021-04', '2021-05']);
    expect(periods[0]).toEqual({ period: '2021-02', from: '2021-02-15', to: '2021-02-28' });
    expect(periods.at(-1)).toEqual({ period: '2021-05', from: '2021-05-01', to: '2021-05-10' });
    expect(periodsBetween('2021-01-01', '2021-12-31', 'QUARTER').map((p) => p.to)).toEqual([
      '2021-03-31', '2021-06-30', '2021-09-30', '2021-12-31',
    ]);
    expect(periodsBetween('2021-01-01', '2021-12-31', 'DAY')).toHaveLength(365);
  });
});
