import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { groupLoader, rowLoader } from '@govgraph/core';
import { allocationsOfDepartments, systemsByIds, systemsOfDepartments } from './store/business-systems.js';
import { linksOfCatalogs, type ItemLink } from './store/inventory.js';
import { NO_RESOURCES, type BusinessSystemRow, type ResourceAmount } from './store/rows.js';
import type { Database } from './store/schema.js';

export interface Loaders {
  businessSystem: DataLoader<string, BusinessSystemRow | null>;
  businessSystemsOfDepartment: DataLoader<string, BusinessSystemRow[]>;
  allocationOfDepartment: DataLoader<string, ResourceAmount>;
  linksOfCatalog: DataLoader<string, ItemLink[]>;
}

/** Called once per request: a loader caches only within the request that made it. */
export function createLoaders(db: Kysely<Database>): Loaders {
  return {
    businessSystem: rowLoader((ids: readonly string[]) => systemsByIds(db, ids), (r) => r.id),
    businessSystemsOfDepartment: groupLoader(
      (codes: readonly string[]) => systemsOfDepartments(db, codes),
      (r) => r.department_code,
    ),
    // Departments without systems hold nothing: zero amounts, not null, as the SDL promises.
    allocationOfDepartment: new DataLoader<string, ResourceAmount>(
      async (codes) => {
        const rows = await allocationsOfDepartments(db, codes);
        const byCode = new Map(rows.map(({ departmentCode, ...amount }) => [departmentCode, amount]));
        return codes.map((code) => byCode.get(code) ?? NO_RESOURCES);
      },
      { maxBatchSize: 1000 },
    ),
    linksOfCatalog: groupLoader((ids: readonly string[]) => linksOfCatalogs(db, ids), (r) => r.catalogId),
  };
}
