/** Which departments and service items have joined the e-certificate system. */
import type { Kysely } from 'kysely';
import type { Database, DepartmentOnboardingTable, ItemOnboardingTable } from './schema.js';

export function departmentsOnboarded(db: Kysely<Database>, codes: readonly string[]): Promise<DepartmentOnboardingTable[]> {
  return db.selectFrom('department_onboarding').selectAll().where('department_code', 'in', codes).execute();
}

export function itemsOnboarded(db: Kysely<Database>, codes: readonly string[]): Promise<ItemOnboardingTable[]> {
  return db.selectFrom('item_onboarding').selectAll().where('item_code', 'in', codes).execute();
}
