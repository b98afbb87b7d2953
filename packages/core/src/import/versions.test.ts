import { describe, expect, it } from 'vitest';
import { planUpsert } from './versions.js';

interface Rec {
  key: string;
  version: string;
}
const plan = (records: Rec[], stored: [string, string | null][]) =>
  planUpsert(records, (r) => r.key, (r) => r.version, new Map(stored));

describe('planUpsert', () => {
  it('inserts new keys, replaces older versions and leaves equal or newer ones', () => {
    const result = plan(
      [
        { key: 'new', version: '2021-01-01T00:00:00+08:00' },
        { key: 'older-stored', version: '2021-02-01T00:00:00+08:00' },
        { key: 'same', version: '2021-02-01T00:00:00+08:00' },
        { key: 'newer-stored', version: '2021-02-01T00:00:00+08:00' },
        { key: 'seeded', version: '2000-01-01T00:00:00+08:00' },
      ],
      [
        ['older-stored', '2021-01-15T00:00:00+08:00'],
        ['same', '2021-02-01T00:00:00+08:00'],
        ['newer-stored', '2021-03-01T00:00:00+08:00'],
        ['seeded', null],
      ],
    );
    expect(result.inserts.map((r) => r.key)).toEqual(['new']);
    expect(result.updates.map((r) => r.key)).toEqual(['older-stored', 'seeded']);
    expect(result.counts).toEqual({ inserted: 1, updated: 2, unchanged: 2 });
  });

  it('writes only the newest of a key that occurs twice in a batch, in either order', () => {
    const older = { key: 'k', version: '2021-01-01T00:00:00+08:00' };
    const newer = { key: 'k', version: '2021-01-02T00:00:00+08:00' };
    for (const batch of [[older, newer], [newer, older]]) {
      const result = plan(batch, []);
      expect(result.inserts).toEqual([newer]);
      expect(result.counts).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    }
  });

  it('takes the later of two records with the same version, as a later batch would', () => {
    const first = { key: 'k', version: '2021-01-01T00:00:00+08:00', line: 1 };
    const second = { key: 'k', version: '2021-01-01T00:00:00+08:00', line: 2 };
    expect(planUpsert([first, second], (r) => r.key, (r) => r.version, new Map()).inserts).toEqual([second]);
  });
});
