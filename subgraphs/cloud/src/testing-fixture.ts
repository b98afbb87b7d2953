/**
 * A small handcrafted dataset whose every aggregate can be checked by hand (see the comments).
 * Codes come from the shared directory so that validation accepts them.
 */
import type { Kysely } from 'kysely';
import { directory } from '@govgraph/core';
import type { Database } from './store/schema.js';

const cityDepartments = directory().departments.filter((d) => d.level === 'CITY');
const countyDepartment = directory().departments.find((d) => d.level === 'COUNTY')!;

export const DEPT_A = cityDepartments[0]!.code;
export const DEPT_B = cityDepartments[1]!.code;
export const DEPT_COUNTY = countyDepartment.code;
/** A city department with no system and no catalogue entry. */
export const DEPT_NONE = cityDepartments[2]!.code;

const itemsOf = (code: string) => directory().items.filter((i) => i.departmentCode === code);
export const ITEM_A1 = itemsOf(DEPT_A)[0]!.code;
export const ITEM_B1 = itemsOf(DEPT_B)[0]!.code;
export const ITEM_B2 = itemsOf(DEPT_B)[1]!.code;
export const ITEM_B3 = itemsOf(DEPT_B)[2]!.code;

export async function insertFixture(db: Kysely<Database>): Promise<void> {
  // Capacity: 100/400/10 → +50/200/5 on 03-01 → +30/100/2.5 on 09-01 = 180/700/17.5.
  await db.insertInto('capacity_events').values([
    { id: 1, completed_on: '2020-01-01', kind: 'INITIAL', description: 'first build', vcpu: 100, memory_gb: 400, storage_tb: 10 },
    { id: 2, completed_on: '2021-03-01', kind: 'EXPANSION', description: 'first expansion', vcpu: 50, memory_gb: 200, storage_tb: 5 },
    { id: 3, completed_on: '2021-09-01', kind: 'EXPANSION', description: 'second expansion', vcpu: 30, memory_gb: 100, storage_tb: 2.5 },
  ]).execute();
  // By 2021-06-30: 001-003 → 56 vCPU, 224 GB, 3.5 TB. All: 68, 248, 5. DEPT_B: 48, 176, 3.5.
  await db.insertInto('business_systems').values([
    { id: 'BS-2021-001', name: '投资项目在线审批监管平台', department_code: DEPT_A, origin: 'MIGRATED', vcpu: 16, memory_gb: 64, storage_tb: 1, allocated_on: '2020-06-01' },
    { id: 'BS-2021-002', name: '教育局100%_达标系统', department_code: DEPT_B, origin: 'NEW_DEPLOYMENT', vcpu: 8, memory_gb: 32, storage_tb: 0.5, allocated_on: '2021-02-01' },
    { id: 'BS-2021-003', name: '学籍管理系统', department_code: DEPT_B, origin: 'MIGRATED', vcpu: 32, memory_gb: 128, storage_tb: 2, allocated_on: '2021-04-01' },
    { id: 'BS-2021-004', name: '区教育局门户网站', department_code: DEPT_COUNTY, origin: 'NEW_DEPLOYMENT', vcpu: 4, memory_gb: 8, storage_tb: 0.5, allocated_on: '2021-10-01' },
    { id: 'BS-2021-005', name: '教育局1000达标系统', department_code: DEPT_B, origin: 'NEW_DEPLOYMENT', vcpu: 8, memory_gb: 16, storage_tb: 1, allocated_on: '2021-12-31' },
  ]).execute();
  // By 2021-06-30: 2 information systems, 3 catalogues, 1 demand, 2 experts.
  await db.insertInto('information_systems').values([
    { id: 'IS-1', name: '投资项目在线审批监管平台', department_code: DEPT_A, registered_on: '2021-03-15' },
    { id: 'IS-2', name: '学籍管理系统', department_code: DEPT_B, registered_on: '2021-04-15' },
    { id: 'IS-3', name: '区教育局门户网站', department_code: DEPT_COUNTY, registered_on: '2021-07-15' },
  ]).execute();
  await db.insertInto('data_catalogs').values([
    { id: 'DC-1', name: '投资项目审批信息', department_code: DEPT_A, registered_on: '2021-03-01' },
    { id: 'DC-2', name: '学籍信息', department_code: DEPT_B, registered_on: '2021-04-01' },
    { id: 'DC-3', name: '教师资格信息', department_code: DEPT_B, registered_on: '2021-05-01' },
  ]).execute();
  await db.insertInto('demand_catalogs').values([
    { id: 'DM-1', name: '申请共享户籍人口信息', department_code: DEPT_B, registered_on: '2021-06-01' },
    { id: 'DM-2', name: '申请共享不动产权属信息', department_code: DEPT_A, registered_on: '2021-08-01' },
  ]).execute();
  await db.insertInto('experts').values([
    { id: 'EX-1', name: '陈一', field: '大数据', organisation: '广东海洋大学', joined_on: '2021-05-01' },
    { id: 'EX-2', name: '林二', field: '云计算', organisation: '岭南师范学院', joined_on: '2021-06-30' },
    { id: 'EX-3', name: '黄三', field: '法律', organisation: '湛江市信息中心', joined_on: '2021-11-01' },
  ]).execute();
  // By 2021-06-30: 4 registered, 3 linked (75%); by year end 4 of 4.
  await db.insertInto('item_data_links').values([
    { item_code: ITEM_A1, catalog_id: 'DC-1', registered_on: '2021-04-01', linked_on: '2021-04-20' },
    { item_code: ITEM_B1, catalog_id: 'DC-2', registered_on: '2021-04-01', linked_on: '2021-05-20' },
    { item_code: ITEM_B2, catalog_id: 'DC-2', registered_on: '2021-05-01', linked_on: '2021-06-30' },
    { item_code: ITEM_B3, catalog_id: 'DC-3', registered_on: '2021-05-01', linked_on: '2021-09-01' },
  ]).execute();
  // Over 2021: LOCAL 15, PROVINCE 20, DEPARTMENTS 7, COUNTIES 3 (the 2020 and 2022 rows are outside).
  await db.insertInto('data_flow_daily').values([
    { day: '2020-12-31', flow: 'LOCAL_AGGREGATED', records: 1000 },
    { day: '2021-01-01', flow: 'LOCAL_AGGREGATED', records: 10 },
    { day: '2021-01-01', flow: 'PROVINCE_RETURNED', records: 20 },
    { day: '2021-06-15', flow: 'LOCAL_AGGREGATED', records: 5 },
    { day: '2021-06-15', flow: 'SHARED_TO_DEPARTMENTS', records: 7 },
    { day: '2021-12-31', flow: 'SHARED_TO_COUNTIES', records: 3 },
    { day: '2022-01-01', flow: 'LOCAL_AGGREGATED', records: 99 },
  ]).execute();
}
