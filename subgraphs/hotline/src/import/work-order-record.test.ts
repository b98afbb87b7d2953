import { describe, expect, it } from 'vitest';
import { describeIssues, directory } from '@govgraph/core';
import { fixtureOrders } from '../testing/fixture.js';
import { upstreamOrder } from '../testing/upstream-orders.js';
import { workOrderRecord } from './work-order-record.js';

const base = () => upstreamOrder(fixtureOrders()[1]!, '2021-01-21T09:00:00+08:00');

function reason(overrides: Record<string, unknown>): string | undefined {
  const parsed = workOrderRecord.safeParse({ ...base(), ...overrides });
  return parsed.success ? undefined : describeIssues(parsed.error);
}

describe('a work order from the hotline platform', () => {
  it('turns into exactly the row the table holds', () => {
    const row = fixtureOrders()[1]!;
    expect(workOrderRecord.parse(base())).toEqual({ ...row, updated_at: '2021-01-21T09:00:00+08:00' });
  });

  it('is normalised: local times, Chinese labels, padded codes, phone formats', () => {
    const record = workOrderRecord.parse({
      ...base(),
      receivedAt: '2021/1/20 10:00',
      completedAt: '2021-01-21T01:00:00Z',
      repliedAt: '',
      channel: '电话',
      category: '投诉',
      disposition: '转派',
      rating: '不满意',
      countyCode: ' 440802 ',
      departmentCode: base().departmentCode!.toLowerCase(),
      callerPhone: '+86 138-0000-0002',
      updatedAt: '2021-01-21 09:00',
    });
    expect(record).toMatchObject({
      received_at: '2021-01-20T10:00:00+08:00',
      completed_at: '2021-01-21T09:00:00+08:00',
      handling_minutes: 1380,
      replied_at: null,
      channel: 'PHONE',
      category: 'COMPLAINT',
      disposition: 'DISPATCHED',
      rating: 'DISSATISFIED',
      county_code: '440802',
      department_code: base().departmentCode,
      caller_phone: '13800000002',
      caller_name: '来电人2',
    });
  });

  it('needs a township inside its county and a village inside its township', () => {
    expect(reason({ townshipCode: '440881001' })).toBe('townshipCode: township 440881001 is not in county 440802');
    expect(reason({ villageCode: '440802002001' })).toBe('villageCode: village 440802002001 is not in township 440802001');
  });

  it('needs a department exactly when dispatched, with a valid credit code', () => {
    expect(reason({ departmentCode: null })).toBe('departmentCode: a dispatched order needs the department it was dispatched to');
    expect(reason({ disposition: 'DIRECT_REPLY' })).toBe('departmentCode: a directly answered order has no department');
    const code = directory().departments[0]!.code;
    const wrongCheck = code.slice(0, 17) + (code[17] === 'A' ? 'B' : 'A');
    expect(reason({ departmentCode: wrongCheck })).toMatch(/^departmentCode: credit code .+ has check character ., expected .$/);
  });

  it('says what is wrong with times and phones', () => {
    expect(reason({ completedAt: '2021-01-19 10:00' })).toBe('completedAt: is before receivedAt');
    expect(reason({ callerPhone: '12' })).toBe('callerPhone: not a phone number ("12")');
    expect(reason({ receivedAt: undefined })).toBe('receivedAt: missing');
  });
});
