/**
 * Invariants of the generated 2021 dataset that the figures alone would not catch: every code
 * comes from the shared directory, every record lies in 2021, references are consistent.
 * (The figures themselves are asserted through the graph in server.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { directory } from '@govgraph/core';
import { generateDataset, type Dataset } from './seed.js';

const dir = directory();
let data: Dataset;

beforeAll(() => {
  data = generateDataset();
}, 60_000);

describe('generateDataset', () => {
  it('seeds exactly the directory’s departments, regions and items', () => {
    expect(data.departments.map((d) => d.code)).toEqual(dir.departments.map((d) => d.code));
    expect(data.regions.map((r) => r.code)).toEqual(dir.regions.map((r) => r.code));
    expect(data.serviceItems.map((i) => i.code)).toEqual(dir.items.map((i) => i.code));
    expect(data.serviceItems).toHaveLength(17_800);
  });

  it('puts applications on center items of their own department, within 2021, completed after submission', () => {
    const center = new Map(data.serviceItems.filter((i) => i.stationed_in_center === 1).map((i) => [i.code, i.department_code]));
    let previous = '';
    for (const a of data.applications) {
      if (center.get(a.item_code) !== a.department_code) throw new Error(`application ${a.id} is not on a center item of its department`);
      if (!(a.submitted_at >= '2021-01-01' && a.completed_at! <= '2021-12-31T23:59:59+08:00' && a.completed_at! >= a.submitted_at)) {
        throw new Error(`application ${a.id} has times ${a.submitted_at} → ${a.completed_at}`);
      }
      if (a.submitted_at < previous) throw new Error(`application ids do not follow submission time at ${a.id}`);
      previous = a.submitted_at;
    }
    expect(data.applications.length).toBeGreaterThan(530_000);
    expect(new Set(data.applications.map((a) => a.id)).size).toBe(data.applications.length);
  });

  it('places kiosks in townships and villages only, in service by the end of 2021', () => {
    const level = new Map(dir.regions.map((r) => [r.code, r.level]));
    expect(data.kiosks.every((k) => ['TOWNSHIP', 'VILLAGE'].includes(level.get(k.region_code)!))).toBe(true);
    expect(data.kiosks.every((k) => k.installed_on <= '2021-12-31')).toBe(true);
    expect(new Set(data.kiosks.map((k) => k.id)).size).toBe(2221);
  });

  it('links the 86 batch-1 entries to 86 distinct city items, and batches 2-3 to county enforcement entries', () => {
    const first = data.powerListEntries.filter((e) => e.delegation_batch === 1);
    const items = new Set(first.map((e) => e.item_code));
    expect(items.size).toBe(86);
    expect([...items].every((code) => dir.itemByCode.get(code!)?.level === 'CITY')).toBe(true);
    const later = data.powerListEntries.filter((e) => e.delegation_batch === 2 || e.delegation_batch === 3);
    expect(later).toHaveLength(7700);
    expect(later.every((e) => e.level === 'COUNTY' && e.item_code === null && ['行政处罚', '行政强制', '行政检查'].includes(e.category))).toBe(true);
  });

  it('dates every flag no later than 2021 and no earlier than its item', () => {
    const from = new Map(data.serviceItems.map((i) => [i.code, i.effective_from]));
    for (const f of [...data.itemCrossRegion, ...data.itemChannels]) {
      expect(f.since <= '2021-12-31' && f.since >= from.get(f.item_code)!).toBe(true);
    }
    expect(data.partnerCities.every((p) => p.since <= '2021-12-31')).toBe(true);
  });

  it('references only directory departments in the power lists', () => {
    expect(data.powerListEntries.every((e) => dir.departmentByCode.has(e.department_code))).toBe(true);
    expect(new Set(data.powerListEntries.map((e) => e.code)).size).toBe(data.powerListEntries.length);
  });
});
