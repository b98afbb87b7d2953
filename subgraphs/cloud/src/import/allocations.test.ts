import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBatch, reasonsFor } from '@govgraph/core/testing';
import { createTestServer, dataOf, execute, openTestDatabase, type TestDatabase } from '../testing.js';
import { DEPT_A, DEPT_B, DEPT_COUNTY, DEPT_NONE, insertFixture } from '../testing-fixture.js';
import { allocationsResource, type AllocationRecord } from './allocations.js';

let test: TestDatabase;
const server = createTestServer();

beforeEach(async () => {
  test = await openTestDatabase();
  await insertFixture(test.db);
});
afterEach(() => test.db.destroy());

/** One ledger entry as the platform's JSON carries it; a CSV row is the same with string values. */
const raw = (overrides: Record<string, unknown> = {}) => ({
  systemId: 'BS-2021-006',
  systemName: '教育局招生考试系统',
  departmentCode: DEPT_B,
  origin: 'NEW_DEPLOYMENT',
  vcpu: 16,
  memory: 32,
  storage: 1,
  allocatedOn: '2021-06-01',
  updatedAt: '2021-06-01T10:00:00+08:00',
  ...overrides,
});

function parse(value: unknown): AllocationRecord {
  return allocationsResource.schema.parse(value);
}

const system = (id: string) => test.db.selectFrom('business_systems').selectAll().where('id', '=', id).executeTakeFirst();

describe('the allocation record schema', () => {
  it('normalises a CSV row: id upper-cased, Chinese origin, amounts with units, dates in local forms', () => {
    const csvRow = {
      systemId: ' bs-2021-006 ',
      systemName: ' 教育局招生考试系统 ',
      departmentCode: DEPT_B.toLowerCase(),
      origin: '迁移上云',
      vcpu: '16核',
      memory: '32 GB',
      storage: '512GB',
      allocatedOn: '2021/6/1',
      updatedAt: '2021-06-01 10:00:00',
    };
    expect(parse(csvRow)).toEqual({
      systemId: 'BS-2021-006',
      systemName: '教育局招生考试系统',
      departmentCode: DEPT_B,
      origin: 'MIGRATED',
      vcpu: 16,
      memory: 32,
      storage: 0.5,
      allocatedOn: '2021-06-01',
      updatedAt: '2021-06-01T10:00:00+08:00',
    });
  });

  it('normalises a JSON record, lower-case enum and UTC time included', () => {
    expect(parse(raw({ origin: 'new-deployment', memory: '0.5TB', updatedAt: '2021-06-01T02:00:00.5Z' }))).toMatchObject({
      origin: 'NEW_DEPLOYMENT',
      memory: 512,
      updatedAt: '2021-06-01T10:00:00.500+08:00',
    });
  });

  it('rejects each kind of malformed record with a reason naming the field and the value', () => {
    expect(reasonsFor(allocationsResource, raw({ systemId: 'BS 2021 006' }))).toEqual([
      'systemId: not a business system id (letters, digits, - and _; at most 64) ("BS 2021 006")',
    ]);
    expect(reasonsFor(allocationsResource, raw({ systemName: '' }))).toEqual(['systemName: must not be empty']);
    expect(reasonsFor(allocationsResource, raw({ departmentCode: '91440800MA4UJ0000X' }))).toEqual([
      expect.stringMatching(/^departmentCode: credit code 91440800MA4UJ0000X has check character X, expected .$/),
    ]);
    expect(reasonsFor(allocationsResource, raw({ origin: 'rented' }))).toEqual([
      'origin: not one of NEW_DEPLOYMENT, MIGRATED ("rented")',
    ]);
    expect(reasonsFor(allocationsResource, raw({ vcpu: '8 GB' }))).toEqual([expect.stringMatching(/^vcpu: "8 GB": the unit GB does not measure this resource/)]);
    expect(reasonsFor(allocationsResource, raw({ storage: '0.3TB' }))).toEqual(['storage: "0.3TB" is not a whole number of GB (1 TB = 1024 GB)']);
    expect(reasonsFor(allocationsResource, raw({ allocatedOn: '2021-06-31' }))).toEqual(['allocatedOn: not a date ("2021-06-31")']);
    expect(reasonsFor(allocationsResource, raw({ updatedAt: 'yesterday' }))).toEqual(['updatedAt: not a date and time ("yesterday")']);
  });

  it('keys a record by system id and versions it by updatedAt', () => {
    const record = parse(raw());
    expect(allocationsResource.naturalKey(record)).toBe('BS-2021-006');
    expect(allocationsResource.version(record)).toBe('2021-06-01T10:00:00+08:00');
  });
});

describe('reference checks', () => {
  it('accepts departments the platform knows and rejects one it holds nothing of', async () => {
    const records = [parse(raw()), parse(raw({ departmentCode: DEPT_NONE })), parse(raw({ departmentCode: DEPT_COUNTY }))];
    expect(await allocationsResource.checkReferences!(test.db, records)).toEqual([
      {
        index: 1,
        reason: `unknown department ${DEPT_NONE}: the cloud platform holds no business system, information system or data catalogue entry of it`,
      },
    ]);
  });

  it('writes nothing for a rejected record', async () => {
    const { rejections, counts } = await importBatch(test.db, allocationsResource, [raw({ departmentCode: DEPT_NONE })]);
    expect(rejections).toHaveLength(1);
    expect(counts).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    expect(await system('BS-2021-006')).toBeUndefined();
  });
});

describe('upserting allocations', () => {
  const batch = [
    raw(), // a new system
    raw({ systemId: 'BS-2021-001', systemName: '投资项目在线审批监管平台', departmentCode: DEPT_A, origin: 'MIGRATED', vcpu: 32, memory: 64, storage: 2, allocatedOn: '2020-06-01' }), // a seeded one, resized
  ];

  it('inserts new systems and replaces unversioned (seeded) ones; the same batch again changes nothing', async () => {
    expect((await importBatch(test.db, allocationsResource, batch)).counts).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    expect(await system('BS-2021-001')).toMatchObject({ vcpu: 32, memory_gb: 64, storage_tb: 2, updated_at: '2021-06-01T10:00:00+08:00' });
    expect(await system('BS-2021-006')).toEqual({
      id: 'BS-2021-006',
      name: '教育局招生考试系统',
      department_code: DEPT_B,
      origin: 'NEW_DEPLOYMENT',
      vcpu: 16,
      memory_gb: 32,
      storage_tb: 1,
      allocated_on: '2021-06-01',
      updated_at: '2021-06-01T10:00:00+08:00',
    });

    const before = await test.db.selectFrom('business_systems').selectAll().orderBy('id').execute();
    expect((await importBatch(test.db, allocationsResource, batch)).counts).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await test.db.selectFrom('business_systems').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('ignores an older allocation arriving after a newer one, and takes a newer one later', async () => {
    await importBatch(test.db, allocationsResource, [raw({ vcpu: 24, updatedAt: '2021-07-01 09:00:00' })]);
    expect((await importBatch(test.db, allocationsResource, [raw({ vcpu: 8, updatedAt: '2021-06-15 09:00:00' })])).counts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await system('BS-2021-006'))?.vcpu).toBe(24);

    expect((await importBatch(test.db, allocationsResource, [raw({ vcpu: 48, updatedAt: '2021-08-01T01:00:00Z' })])).counts).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await system('BS-2021-006')).toMatchObject({ vcpu: 48, updated_at: '2021-08-01T09:00:00+08:00' });
  });
});

describe('statistics after an import', () => {
  const TENANCY = /* GraphQL */ `
    query ($asOf: Date!, $department: _Any!) {
      cloudTenancy(asOf: $asOf) { departments systems allocated { vcpu memoryGb storageTb } }
      _entities(representations: [$department]) { ... on Department { cloudAllocation { vcpu memoryGb storageTb } } }
    }
  `;
  const variables = { asOf: '2021-12-31', department: { __typename: 'Department', code: DEPT_B } };

  it('reflect an imported allocation as soon as the transaction commits', async () => {
    expect(dataOf(await execute(server, test.db, TENANCY, variables))).toEqual({
      cloudTenancy: { departments: 3, systems: 5, allocated: { vcpu: 68, memoryGb: 248, storageTb: 5 } },
      _entities: [{ cloudAllocation: { vcpu: 48, memoryGb: 176, storageTb: 3.5 } }],
    });

    await importBatch(test.db, allocationsResource, [raw({ storage: '512 GB' })]);
    expect(dataOf(await execute(server, test.db, TENANCY, variables))).toEqual({
      cloudTenancy: { departments: 3, systems: 6, allocated: { vcpu: 84, memoryGb: 280, storageTb: 5.5 } },
      _entities: [{ cloudAllocation: { vcpu: 64, memoryGb: 208, storageTb: 4 } }],
    });
  });
});
