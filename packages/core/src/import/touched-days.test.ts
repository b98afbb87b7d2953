import { describe, expect, it } from 'vitest';
import { dayRanges, TouchedDays } from './touched-days.js';

describe('touched days', () => {
  it('joins days at most a week apart into one range, and keeps the rest apart', () => {
    expect(dayRanges(['2021-03-08', '2021-03-01', '2021-03-01', '2021-03-16', '2021-12-31'])).toEqual([
      { from: '2021-03-01', to: '2021-03-08' },
      { from: '2021-03-16', to: '2021-03-16' },
      { from: '2021-12-31', to: '2021-12-31' },
    ]);
    expect(dayRanges([])).toEqual([]);
  });

  it('hands afterUpsert what upsert noted for the same array, once', () => {
    const touched = new TouchedDays<{ at: string }>();
    const batch = [{ at: '2021-05-06T09:00:00+08:00' }];
    touched.note(batch, ['2021-01-02T10:00:00+08:00']);
    touched.note(batch, []);
    expect(touched.take(batch, (r) => r.at)).toEqual([{ from: '2021-01-02', to: '2021-01-02' }]);
    // Noted nothing (all unchanged): nothing to refresh. Not noted at all: the records' own days.
    touched.note(batch, []);
    expect(touched.take(batch, (r) => r.at)).toEqual([]);
    expect(touched.take(batch, (r) => r.at)).toEqual([{ from: '2021-05-06', to: '2021-05-06' }]);
  });
});
