import type { Kysely, SelectQueryBuilder } from 'kysely';
import { containsText, dialectOf } from '@govgraph/core';
import type { BusinessSystemRow, ResourceAmount } from './rows.js';
import type { Database, SystemOrigin } from './schema.js';

export interface BusinessSystemFilter {
  departmentCode?: string;
  origin?: SystemOrigin;
  nameContains?: string;
}

export interface Tenancy {
  departments: number;
  systems: number;
  allocated: ResourceAmount;
}

export interface DepartmentAllocation extends ResourceAmount {
  departmentCode: string;
}

export async function systemsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<BusinessSystemRow[]> {
  return db.selectFrom('business_systems').selectAll().where('id', 'in', ids).execute();
}

export async function systemsOfDepartments(
  db: Kysely<Database>,
  departmentCodes: readonly string[],
): Promise<BusinessSystemRow[]> {
  return db
    .selectFrom('business_systems')
    .selectAll()
    .where('department_code', 'in', departmentCodes)
    .orderBy('id')
    .execute();
}

/** One grouped SUM for all requested departments; departments with no system get no row. */
export async function allocationsOfDepartments(
  db: Kysely<Database>,
  departmentCodes: readonly string[],
): Promise<DepartmentAllocation[]> {
  const rows = await db
    .selectFrom('business_systems')
    .where('department_code', 'in', departmentCodes)
    .groupBy('department_code')
    .select((eb) => [
      'department_code',
      eb.fn.sum<number>('vcpu').as('vcpu'),
      eb.fn.sum<number>('memory_gb').as('memory_gb'),
      eb.fn.sum<number>('storage_tb').as('storage_tb'),
    ])
    .execute();
  return rows.map((r) => ({
    departmentCode: r.department_code,
    vcpu: Number(r.vcpu),
    memoryGb: Number(r.memory_gb),
    storageTb: Number(r.storage_tb),
  }));
}

function filtered(db: Kysely<Database>, filter: BusinessSystemFilter): SelectQueryBuilder<Database, 'business_systems', {}> {
  let query = db.selectFrom('business_systems');
  if (filter.departmentCode !== undefined) query = query.where('department_code', '=', filter.departmentCode);
  if (filter.origin !== undefined) query = query.where('origin', '=', filter.origin);
  if (filter.nameContains !== undefined) query = query.where(containsText(dialectOf(db), 'name', filter.nameContains));
  return query;
}

/** A keyset page ordered by id: `limit` rows after the `after` id (fetch one more than shown). */
export async function pageOfSystems(
  db: Kysely<Database>,
  filter: BusinessSystemFilter,
  after: string | undefined,
  limit: number,
): Promise<BusinessSystemRow[]> {
  let query = filtered(db, filter).selectAll();
  if (after !== undefined) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}

export async function countSystems(db: Kysely<Database>, filter: BusinessSystemFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Who held allocations at the end of `asOf`, and how much they held in all. */
export async function tenancyAsOf(db: Kysely<Database>, asOf: string): Promise<Tenancy> {
  const row = await db
    .selectFrom('business_systems')
    .where('allocated_on', '<=', asOf)
    .select((eb) => [
      eb.fn.count<number>('department_code').distinct().as('departments'),
      eb.fn.countAll<number>().as('systems'),
      eb.fn.coalesce(eb.fn.sum<number>('vcpu'), eb.lit(0)).as('vcpu'),
      eb.fn.coalesce(eb.fn.sum<number>('memory_gb'), eb.lit(0)).as('memory_gb'),
      eb.fn.coalesce(eb.fn.sum<number>('storage_tb'), eb.lit(0)).as('storage_tb'),
    ])
    .executeTakeFirstOrThrow();
  return {
    departments: Number(row.departments),
    systems: Number(row.systems),
    allocated: { vcpu: Number(row.vcpu), memoryGb: Number(row.memory_gb), storageTb: Number(row.storage_tb) },
  };
}
