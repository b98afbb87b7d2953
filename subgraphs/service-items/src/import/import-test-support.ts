/**
 * Upstream records for the importer tests, written the way the service platform would send them.
 * Batches go through core's importBatch (`@govgraph/core/testing`), the runner's own steps.
 */
import { DEPT } from '../test-support.js';

/** A new city-level licence of department d1, as the catalogue API returns it (JSON). */
export function rawItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: '440800XK90001',
    name: '新设企业名称预先核准',
    kind: '行政许可',
    departmentCode: DEPT.d1,
    level: '市级',
    regionCode: '440800',
    statutoryDays: 20,
    promisedDays: 5,
    requiredVisits: 0,
    onlineAvailable: true,
    instant: false,
    oneWindowAcceptance: true,
    stationedInHall: true,
    stationedInCenter: true,
    platformApprovable: true,
    effectiveFrom: '2021-03-04',
    updatedAt: '2021-03-04T08:00:00+08:00',
    ...overrides,
  };
}

/** An application as the service platform returns it (JSON). */
export function rawApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    number: 'SQ2021050600001',
    itemCode: '440800XK90001',
    departmentCode: DEPT.d1,
    channel: 'HALL',
    submittedAt: '2021-05-06T09:00:00+08:00',
    completedAt: null,
    rating: null,
    updatedAt: '2021-05-06T09:00:00+08:00',
    ...overrides,
  };
}

/** The same record as a CSV export row: every value a string, blanks for nulls. */
export function asCsvRow(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v == null ? '' : String(v)]));
}
