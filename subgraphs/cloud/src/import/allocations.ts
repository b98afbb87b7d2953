/**
 * The cloud platform's allocation ledger (政务云资源分配台账), as GovGraph imports it.
 *
 * The platform lists, per business system, the resources currently allocated to it, with the
 * system's department and how it came to the cloud. That is exactly a row of business_systems,
 * so a record maps one to one onto a row, keyed by the platform's system id: a later version of
 * the same system (resized, renamed, moved to another department) replaces the row.
 *
 * Nothing is derived from business_systems: tenancy, department allocations and the allocated
 * part of capacity are SQL sums over it at query time, so an import shows in every statistic the
 * moment its transaction commits, and there is no afterUpsert.
 */
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import {
  creditCode,
  isoDay,
  isoInstant,
  labelledEnum,
  normalisedField,
  textField,
  trimmedCode,
  upsertNewerVersions,
  valuesIn,
  type ImportResource,
  type Rejection,
} from '@govgraph/core';
import type { BusinessSystemsTable, Database, SystemOrigin } from '../store/schema.js';
import { parseMemoryGb, parseStorageTb, parseVcpu } from './resource-units.js';

/** How the platform spells the two ways a system came to the cloud (上云方式). */
const ORIGIN_SPELLINGS: Readonly<Record<SystemOrigin, readonly string[]>> = {
  NEW_DEPLOYMENT: ['NEW', 'NEW_DEPLOY', '新建', '新建部署', '新部署'],
  MIGRATED: ['MIGRATION', 'MIGRATE', '迁移', '迁移上云', '迁移部署'],
};

export const allocationRecordSchema = z.object({
  systemId: trimmedCode(/^[0-9A-Z][0-9A-Z_-]{0,63}$/, 'a business system id (letters, digits, - and _; at most 64)'),
  systemName: textField(),
  departmentCode: creditCode(),
  origin: labelledEnum(ORIGIN_SPELLINGS),
  vcpu: normalisedField(parseVcpu),
  memory: normalisedField(parseMemoryGb),
  storage: normalisedField(parseStorageTb),
  allocatedOn: isoDay(),
  updatedAt: isoInstant(),
});

export type AllocationRecord = z.output<typeof allocationRecordSchema>;

type Reader = Kysely<Database> | Transaction<Database>;

// Every table of this subgraph that names departments: a department appears in one of them once
// the platform knows it as a tenant or registered its systems or data.
const DEPARTMENT_TABLES = ['business_systems', 'information_systems', 'data_catalogs', 'demand_catalogs'] as const;

/** Those of `codes` this subgraph holds any record of. */
async function knownDepartments(db: Reader, codes: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const table of DEPARTMENT_TABLES) for (const code of await valuesIn(db, table, 'department_code', codes)) known.add(code);
  return known;
}

async function checkReferences(db: Reader, records: readonly AllocationRecord[]): Promise<Rejection[]> {
  const known = await knownDepartments(db, [...new Set(records.map((r) => r.departmentCode))]);
  return records.flatMap((record, index) =>
    known.has(record.departmentCode)
      ? []
      : [{
          index,
          reason: `unknown department ${record.departmentCode}: the cloud platform holds no business system, information system or data catalogue entry of it`,
        }],
  );
}

const toRow = (record: AllocationRecord): BusinessSystemsTable => ({
  id: record.systemId,
  name: record.systemName,
  department_code: record.departmentCode,
  origin: record.origin,
  vcpu: record.vcpu,
  memory_gb: record.memory,
  storage_tb: record.storage,
  allocated_on: record.allocatedOn,
  updated_at: record.updatedAt,
});

export const allocationsResource: ImportResource<Database, AllocationRecord> = {
  name: 'allocations',
  restPath: '/api/v1/allocations',
  pagination: 'page',
  schema: allocationRecordSchema,
  naturalKey: (record) => record.systemId,
  version: (record) => record.updatedAt,
  checkReferences,
  upsert: async (trx, records) =>
    (await upsertNewerVersions(trx, { table: 'business_systems', key: ['id'], version: 'updated_at' }, records.map(toRow))).counts,
};
