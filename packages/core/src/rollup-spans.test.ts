import { describe, expect, it } from 'vitest';
import { monthsAround, rollupSpans, yearsAround } from './rollup-spans.js';

describe('rollup spans', () => {
  it('read whole months from month rows and the days around them from day rows', () => {
    expect(rollupSpans('2021-01-01', '2021-12-31')).toEqual([{ grain: 'MONTH', from: '2021-01', to: '2021-12' }]);
    expect(rollupSpans('2021-01-15', '2021-04-30')).toEqual([
      { grain: 'MONTH', from: '2021-02', to: '2021-04' },
      { grain: 'DAY', from: '2021-01-15', to: '2021-01-31' },
    ]);
    expect(rollupSpans('2021-02-01', '2021-03-10')).toEqual([
      { grain: 'MONTH', from: '2021-02', to: '2021-02' },
      { grain: 'DAY', from: '2021-03-01', to: '2021-03-10' },
    ]);
    expect(rollupSpans('2021-02-27', '2021-03-31')).toEqual([
      { grain: 'MONTH', from: '2021-03', to: '2021-03' },
      { grain: 'DAY', from: '2021-02-27', to: '2021-02-28' },
    ]);
    expect(rollupSpans('2021-03-05', '2021-03-20')).toEqual([{ grain: 'DAY', from: '2021-03-05', to: '2021-03-20' }]);
    expect(rollupSpans('2021-01-01', '2021-12-31', 'DAY')).toEqual([{ grain: 'DAY', from: '2021-01-01', to: '2021-12-31' }]);
  });

  it('read whole years from year rows when asked to', () => {
    expect(rollupSpans('2021-01-01', '2021-12-31', 'YEAR')).toEqual([{ grain: 'YEAR', from: '2021', to: '2021' }]);
    expect(rollupSpans('2020-11-20', '2022-02-28', 'YEAR')).toEqual([
      { grain: 'YEAR', from: '2021', to: '2021' },
      { grain: 'MONTH', from: '2020-12', to: '2020-12' },
      { grain: 'MONTH', from: '2022-01', to: '2022-02' },
      { grain: 'DAY', from: '2020-11-20', to: '2020-11-30' },
    ]);
    // No whole year inside: months and days only.
    expect(rollupSpans('2021-01-15', '2021-12-15', 'YEAR')).toEqual([
      { grain: 'MONTH', from: '2021-02', to: '2021-11' },
      { grain: 'DAY', from: '2021-01-15', to: '2021-01-31' },
      { grain: 'DAY', from: '2021-12-01', to: '2021-12-15' },
    ]);
    expect(rollupSpans('2021-02-01', '2021-12-31', 'YEAR')).toEqual([{ grain: 'MONTH', from: '2021-02', to: '2021-12' }]);
  });

  it('cover every day of the range exactly once', () => {
    const days = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) {
        out.push(d.toISOString().slice(0, 10));
      }
      return out;
    };
    const covered = (spans: ReturnType<typeof rollupSpans>) =>
      spans
        .flatMap((s) =>
          s.grain === 'DAY'
            ? days(s.from, s.to)
            : s.grain === 'MONTH'
              ? days(`${s.from}-01`, monthsAround({ from: `${s.to}-01`, to: `${s.to}-01` }).to)
              : days(`${s.from}-01-01`, `${s.to}-12-31`),
        )
        .sort();
    for (const [from, to] of [
      ['2020-12-31', '2022-01-01'],
      ['2021-02-28', '2021-03-01'],
      ['2019-06-15', '2021-06-14'],
    ] as const) {
      expect(covered(rollupSpans(from, to, 'YEAR'))).toEqual(days(from, to));
    }
  });

  it('widen a range to its months and years', () => {
    expect(monthsAround({ from: '2021-03-05', to: '2021-04-10' })).toEqual({ from: '2021-03-01', to: '2021-04-30' });
    expect(monthsAround({ from: '2020-02-05', to: '2020-02-05' })).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(yearsAround({ from: '2021-03-05', to: '2022-04-10' })).toEqual({ from: '2021-01-01', to: '2022-12-31' });
  });
});
