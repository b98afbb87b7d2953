import type { Kysely } from 'kysely';
import { groupLoader, LoaderFamily, rowLoader, type DateRange } from '@govgraph/core';
import type { Database } from './store/schema.js';
import { typesAcceptedByItems, typesByCodes, typesByDepartments } from './store/certificate-types.js';
import { issuedByDepartments, issuedByTypes, type IssuedByKey } from './store/issuance.js';
import { departmentsOnboarded, itemsOnboarded } from './store/onboarding.js';

/** Per-request loaders: every entity and per-entity figure is one SQL query per batch. */
export function createLoaders(db: Kysely<Database>) {
  return {
    typeByCode: rowLoader((codes: readonly string[]) => typesByCodes(db, codes), (row) => row.code),
    typesByDepartment: groupLoader((codes: readonly string[]) => typesByDepartments(db, codes), (row) => row.department_code),
    typesAcceptedByItem: groupLoader((codes: readonly string[]) => typesAcceptedByItems(db, codes), (row) => row.item_code),
    departmentOnboarding: rowLoader((codes: readonly string[]) => departmentsOnboarded(db, codes), (row) => row.department_code),
    itemOnboarding: rowLoader((codes: readonly string[]) => itemsOnboarded(db, codes), (row) => row.item_code),
    issuedByType: new LoaderFamily<DateRange, string, IssuedByKey | null>((range) =>
      rowLoader((codes: readonly string[]) => issuedByTypes(db, range, codes), (row) => row.code),
    ),
    issuedByDepartment: new LoaderFamily<DateRange, string, IssuedByKey | null>((range) =>
      rowLoader((codes: readonly string[]) => issuedByDepartments(db, range, codes), (row) => row.code),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
