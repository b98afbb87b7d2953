/**
 * The full 2021 dataset: generated, seeded through startSubgraph into a temporary file, and
 * queried over HTTP, so the report's figures are proved the way the gateway will read them.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directory, gatewayCredentialHeaders } from '@govgraph/core';
import type { RunningSubgraph } from '@govgraph/core';
import { startSubgraph } from '../server.js';
import type { Database } from './schema.js';
import { addDays, isWorkingDay as isWorkday } from '@govgraph/core';
import { FIGURES_2021, generateDataset, type Dataset } from './seed.js';

// The fixed development secret, as a test may opt into (NODE_ENV is `test` under vitest).
process.env.GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET = 'true';

let folder: string;
let subgraph: RunningSubgraph<Database>;
let seedLog: string[];
let data: Dataset;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'certificates-seed-'));
  seedLog = [];
  const started = Date.now();
  subgraph = await startSubgraph({ port: 0, file: path.join(folder, 'certificates.sqlite'), log: (m) => seedLog.push(m) });
  seedLog.push(`started in ${Date.now() - started} ms`);
  data = generateDataset();
}, 60_000);

afterAll(async () => {
  await subgraph?.close();
  rmSync(folder, { recursive: true, force: true });
});

async function post(query: string): Promise<any> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await gatewayCredentialHeaders('certificates')) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

describe('the seeded 2021 database', () => {
  it('gives the report figures as of 2021-12-31', async () => {
    const { certificateStatistics: s } = await post(`{ certificateStatistics(asOf: "2021-12-31") {
      onboardedDepartments catalogTypes serviceEnabledTypes issuedTypes ingestionRate issuedTotal
      stationedItems itemsUsingCertificates usageRate } }`);
    expect(s).toMatchObject({
      onboardedDepartments: FIGURES_2021.departments,
      catalogTypes: 278,
      serviceEnabledTypes: 260,
      issuedTypes: 194,
      issuedTotal: 9_243_000,
      stationedItems: 1247,
      itemsUsingCertificates: 1122,
    });
    expect(round(s.ingestionRate, 4)).toBe(0.6978);
    expect(round(s.ingestionRate, 2)).toBe(0.7);
    expect(round(s.usageRate, 4)).toBe(0.8998);
    expect(round(s.usageRate, 2)).toBe(0.9);
    const size = statSync(path.join(folder, 'certificates.sqlite')).size;
    console.info(`certificates seed: ${seedLog.join('; ')}; database ${(size / 1e6).toFixed(1)} MB`);
  });

  it('adds up the same whichever way the issuance is cut', async () => {
    const cityDepartments = directory().departments.filter((d) => d.level === 'CITY');
    const aliases = cityDepartments.map((d, i) => `d${i}: _entities(representations: [{ __typename: "Department", code: "${d.code}" }]) { ... on Department { certificatesIssued(from: "2021-01-01", to: "2021-12-31") onboardedToCertificateSystem } }`);
    const result = await post(`{
      year: issuanceStatistics(filter: { from: "2021-01-01", to: "2021-12-31" }) { issued types }
      months: issuanceTrend(filter: { from: "2021-01-01", to: "2021-12-31" }, granularity: MONTH) { issued }
      days: issuanceTrend(filter: { from: "2021-01-01", to: "2021-12-31" }, granularity: DAY) { issued }
      ${aliases.join('\n')}
    }`);
    expect(result.year).toEqual({ issued: 9_243_000, types: 194 });
    expect(result.months).toHaveLength(12);
    expect(result.days).toHaveLength(365);
    const sum = (list: { issued: number }[]) => list.reduce((s, p) => s + p.issued, 0);
    expect(sum(result.months)).toBe(9_243_000);
    expect(sum(result.days)).toBe(9_243_000);
    const departments = cityDepartments.map((_, i) => result[`d${i}`][0]);
    expect(departments.reduce((s: number, d: any) => s + d.certificatesIssued, 0)).toBe(9_243_000);
    expect(departments.filter((d: any) => d.onboardedToCertificateSystem)).toHaveLength(59);
  });

  it('is deterministic', () => {
    const again = generateDataset();
    expect(again.issuanceDaily.length).toBe(data.issuanceDaily.length);
    expect(again.issuanceDaily.slice(0, 50)).toEqual(data.issuanceDaily.slice(0, 50));
    expect(again.itemAcceptedTypes).toEqual(data.itemAcceptedTypes);
  });

  it('references only directory codes, city items of onboarded departments, and 2021 days', () => {
    const { departmentByCode, itemByCode } = directory();
    const onboarded = new Set(data.departmentOnboarding.map((r) => r.department_code));
    for (const r of data.departmentOnboarding) {
      expect(departmentByCode.get(r.department_code)?.level).toBe('CITY');
      expect(r.onboarded_on <= FIGURES_2021.asOf).toBe(true);
    }
    for (const t of data.certificateTypes) {
      expect(departmentByCode.has(t.department_code)).toBe(true);
      if (t.in_city_catalog === 1) expect(onboarded.has(t.department_code)).toBe(true);
      if (t.issuance_enabled_on) expect(t.issuance_enabled_on >= t.added_on).toBe(true);
    }
    for (const r of data.itemOnboarding) {
      const item = itemByCode.get(r.item_code);
      expect(item?.level).toBe('CITY');
      expect(onboarded.has(item!.departmentCode)).toBe(true);
    }
    const enabledOn = new Map(data.certificateTypes.map((t) => [t.code, t.issuance_enabled_on]));
    for (const r of data.issuanceDaily) {
      if (r.day < '2021-01-01' || r.day > '2021-12-31' || r.issued <= 0 || r.day < enabledOn.get(r.type_code)!) {
        throw new Error(`bad issuance row ${JSON.stringify(r)}`);
      }
    }
  });

  it('looks like an office year: weekdays busy, a few registers dominating', () => {
    let workdays = 0;
    let restDays = 0;
    const byType = new Map<string, number>();
    for (const r of data.issuanceDaily) {
      if (isWorkday(r.day)) workdays += r.issued;
      else restDays += r.issued;
      byType.set(r.type_code, (byType.get(r.type_code) ?? 0) + r.issued);
    }
    const days = Array.from({ length: 365 }, (_, i) => addDays('2021-01-01', i));
    const workdayCount = days.filter(isWorkday).length;
    // Per day, a working day issues several times what a weekend or holiday does.
    expect(workdays / workdayCount / (restDays / (365 - workdayCount))).toBeGreaterThan(3);
    const volumes = [...byType.values()].sort((a, b) => b - a);
    expect(volumes.slice(0, 10).reduce((s, v) => s + v, 0) / 9_243_000).toBeGreaterThan(0.6);
    expect(volumes.at(-1)).toBeGreaterThan(0);
    const names = new Map(data.certificateTypes.map((t) => [t.code, t.name]));
    const top = [...byType].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([code]) => names.get(code));
    expect(top).toContain('居民户口簿');
  });
});
