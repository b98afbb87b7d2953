/**
 * Per-request DataLoaders. Every entity lookup and every per-entity statistic goes through one
 * of these, so N departments (or regions, items) asked in one operation cost one SQL query per
 * loader (per argument set for the statistics), never one per entity.
 */
import type DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { groupLoader, LoaderFamily, rowLoader } from '@govgraph/core';
import type { ServiceItemFilter } from './__generated__/resolvers-types.js';
import { applicationCountsByDepartment, type ApplicationCounts } from './store/applications.js';
import { departmentsByCodes } from './store/departments.js';
import {
  channelsOf,
  crossRegionScopesOf,
  itemFiguresByDepartment,
  itemPagesByDepartment,
  itemsByCodes,
  type DepartmentItemPage,
  type ItemFigures,
  type Page,
} from './store/items.js';
import { delegationBatchesByNumbers, delegationsOfItems } from './store/power-list.js';
import { childrenOf, kioskCountsByRegion, regionsByCodes } from './store/regions.js';
import type { CrossRegionScope, Database, ServiceChannelCode } from './store/schema.js';
import type {
  DelegationBatchRow,
  DelegationRow,
  DepartmentRow,
  RegionRow,
  ServiceItemRow,
} from './store/rows.js';

export interface DepartmentItemsArgs {
  filter: ServiceItemFilter;
  page: Page;
}

export interface Loaders {
  department: DataLoader<string, DepartmentRow | null>;
  region: DataLoader<string, RegionRow | null>;
  serviceItem: DataLoader<string, ServiceItemRow | null>;
  regionChildren: DataLoader<string, RegionRow[]>;
  regionKioskCount: DataLoader<string, { code: string; kiosks: number } | null>;
  itemCrossRegionScopes: DataLoader<string, { item_code: string; scope: CrossRegionScope }[]>;
  itemChannels: DataLoader<string, { item_code: string; channel: ServiceChannelCode }[]>;
  itemDelegation: DataLoader<string, DelegationRow | null>;
  delegationBatch: DataLoader<number, DelegationBatchRow | null>;
  departmentItemFigures: LoaderFamily<{ asOf: string }, string, ItemFigures | null>;
  departmentApplications: LoaderFamily<{ from: string; to: string }, string, (ApplicationCounts & { department_code: string }) | null>;
  departmentItems: LoaderFamily<DepartmentItemsArgs, string, DepartmentItemPage | null>;
}

export function createLoaders(db: Kysely<Database>): Loaders {
  return {
    department: rowLoader((codes) => departmentsByCodes(db, codes), (r) => r.code),
    region: rowLoader((codes) => regionsByCodes(db, codes), (r) => r.code),
    serviceItem: rowLoader((codes) => itemsByCodes(db, codes), (r) => r.code),
    regionChildren: groupLoader((codes) => childrenOf(db, codes), (r) => r.parent_code!),
    regionKioskCount: rowLoader((codes) => kioskCountsByRegion(db, codes), (r) => r.code),
    itemCrossRegionScopes: groupLoader((codes) => crossRegionScopesOf(db, codes), (r) => r.item_code),
    itemChannels: groupLoader((codes) => channelsOf(db, codes), (r) => r.item_code),
    itemDelegation: rowLoader((codes) => delegationsOfItems(db, codes), (r) => r.item_code),
    delegationBatch: rowLoader((numbers) => delegationBatchesByNumbers(db, numbers), (r) => r.number),
    departmentItemFigures: new LoaderFamily(({ asOf }) =>
      rowLoader((codes) => itemFiguresByDepartment(db, codes, asOf), (r) => r.department_code),
    ),
    departmentApplications: new LoaderFamily(({ from, to }) =>
      rowLoader((codes) => applicationCountsByDepartment(db, codes, from, to), (r) => r.department_code),
    ),
    departmentItems: new LoaderFamily(({ filter, page }) =>
      rowLoader((codes) => itemPagesByDepartment(db, codes, filter, page), (r) => r.department_code),
    ),
  };
}
