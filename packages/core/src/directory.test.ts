import { describe, expect, it } from 'vitest';
import { COUNTIES, directory, isWithinRegion } from './directory.js';
import { isValidUscc } from './uscc.js';

describe('shared directory', () => {
  const d = directory();

  it('holds the 2021 divisions: 9 counties, 121 townships, 1944 villages', () => {
    const count = (level: string) => d.regions.filter((r) => r.level === level).length;
    expect([count('CITY'), count('COUNTY'), count('TOWNSHIP'), count('VILLAGE')]).toEqual([1, 9, 121, 1944]);
    expect(COUNTIES.map((c) => c.code)).toContain('440882');
  });

  it('gives every division a code that extends its parent', () => {
    for (const region of d.regions) {
      if (!region.parentCode) continue;
      expect(d.regionByCode.has(region.parentCode)).toBe(true);
      if (region.level !== 'COUNTY') expect(region.code.startsWith(region.parentCode)).toBe(true);
      expect(region.code).toHaveLength(region.level === 'VILLAGE' ? 12 : region.level === 'TOWNSHIP' ? 9 : 6);
    }
  });

  it('gives departments unique, valid credit codes and 45 stationed city departments', () => {
    expect(new Set(d.departments.map((x) => x.code)).size).toBe(d.departments.length);
    expect(d.departments.every((x) => isValidUscc(x.code))).toBe(true);
    expect(d.departments.filter((x) => x.stationedInCenter)).toHaveLength(45);
    expect(d.departments.filter((x) => x.level === 'CITY')).toHaveLength(68);
  });

  it('plans the catalogue: 17,800 items, 10,883 application-based, 3,450 licences', () => {
    expect(d.items).toHaveLength(17_800);
    expect(new Set(d.items.map((i) => i.code)).size).toBe(17_800);
    expect(d.items.filter((i) => i.applicationBased)).toHaveLength(10_883);
    expect(d.items.filter((i) => i.kind === 'ADMINISTRATIVE_LICENSE')).toHaveLength(3_450);
    expect(d.items.filter((i) => i.kind === 'ADMINISTRATIVE_LICENSE' && i.level === 'CITY')).toHaveLength(1_029);
    for (const item of d.items) expect(d.departmentByCode.get(item.departmentCode)?.level).toBe(item.level);
  });

  it('is the same on every build', () => {
    expect(d.items[0]!.code).toBe(directory().items[0]!.code);
    expect(isWithinRegion('440802001001', '440802')).toBe(true);
    expect(isWithinRegion('440803001001', '440802')).toBe(false);
  });
});
