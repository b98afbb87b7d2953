import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { governmentUscc } from '../uscc.js';
import * as fields from './fields.js';

function accepts<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`rejected ${JSON.stringify(value)}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}

function rejects(schema: z.ZodType<unknown>, value: unknown): string {
  const result = schema.safeParse(value);
  expect(result.success, `accepted ${JSON.stringify(value)}`).toBe(false);
  return result.error!.issues.map((i) => i.message).join('; ');
}

describe('instants', () => {
  const instant = fields.isoInstant();

  it('reads the forms upstreams send, keeping local wall-clock time when no offset is given', () => {
    expect(accepts(instant, '2021-03-04 08:05:00')).toBe('2021-03-04T08:05:00+08:00');
    expect(accepts(instant, '2021-03-04T08:05:00')).toBe('2021-03-04T08:05:00+08:00');
    expect(accepts(instant, '2021/3/4 8:05')).toBe('2021-03-04T08:05:00+08:00');
    expect(accepts(instant, '2021-03-04')).toBe('2021-03-04T00:00:00+08:00');
    expect(accepts(instant, '2021年3月4日')).toBe('2021-03-04T00:00:00+08:00');
    expect(accepts(instant, '20210304')).toBe('2021-03-04T00:00:00+08:00');
    expect(accepts(instant, '  2021-03-04   08:05:00 ')).toBe('2021-03-04T08:05:00+08:00');
  });

  it('moves an explicit offset to +08:00', () => {
    expect(accepts(instant, '2021-03-04T08:05:00+08:00')).toBe('2021-03-04T08:05:00+08:00');
    expect(accepts(instant, '2021-03-04T00:05:00Z')).toBe('2021-03-04T08:05:00+08:00');
    expect(accepts(instant, '2021-03-03T20:05:00-04:00')).toBe('2021-03-04T08:05:00+08:00');
    expect(accepts(instant, '2021-03-04 09:05:00+0900')).toBe('2021-03-04T08:05:00+08:00');
    expect(accepts(instant, '2021-12-31T20:00:00Z')).toBe('2022-01-01T04:00:00+08:00');
  });

  it('keeps milliseconds only when there are some, so text order stays time order', () => {
    expect(accepts(instant, '2021-03-04T08:05:00.000+08:00')).toBe('2021-03-04T08:05:00+08:00');
    const later = accepts(instant, '2021-03-04T08:05:00.5+08:00');
    expect(later).toBe('2021-03-04T08:05:00.500+08:00');
    expect(later > '2021-03-04T08:05:00+08:00').toBe(true);
    expect(later < '2021-03-04T08:05:01+08:00').toBe(true);
  });

  it('reads epoch seconds and milliseconds', () => {
    const at = Date.parse('2021-03-04T00:05:00Z');
    expect(accepts(instant, at)).toBe('2021-03-04T08:05:00+08:00');
    expect(accepts(instant, String(at / 1000))).toBe('2021-03-04T08:05:00+08:00');
  });

  it('rejects days and times that do not exist, and anything else', () => {
    expect(rejects(instant, '2021-02-30')).toMatch(/must be a date or time.*got "2021-02-30"/);
    expect(rejects(instant, '2021-03-04 24:00:00')).toMatch(/must be a date or time/);
    expect(rejects(instant, '2021-13-01')).toMatch(/must be a date or time/);
    expect(rejects(instant, '04/03/2021')).toMatch(/must be a date or time/);
    expect(rejects(instant, '2021-03-04T08:05:00+25:00')).toMatch(/must be a date or time/);
    expect(rejects(instant, true)).toMatch(/must be a date or time/);
    expect(rejects(instant, '')).toBe('is required');
    expect(rejects(instant, undefined)).toBe('is required');
  });
});

describe('days', () => {
  it('keeps the local calendar day, whatever the form', () => {
    const day = fields.isoDay();
    expect(accepts(day, '2021/3/4')).toBe('2021-03-04');
    expect(accepts(day, '2021.03.04')).toBe('2021-03-04');
    expect(accepts(day, '2021-03-04 00:00:00')).toBe('2021-03-04');
    // 20:00 UTC on the 3rd is already the 4th in the city.
    expect(accepts(day, '2021-03-03T20:00:00Z')).toBe('2021-03-04');
    expect(rejects(day, '2021-02-29')).toMatch(/2021-02-29/);
  });
});

describe('codes', () => {
  it('credit codes are normalised and their check character verified', () => {
    const valid = governmentUscc('440800', 12);
    const schema = fields.creditCode();
    expect(accepts(schema, ` ${valid.toLowerCase()} `)).toBe(valid);
    // Full-width characters from a spreadsheet become ASCII.
    const fullWidth = [...valid].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(accepts(schema, fullWidth)).toBe(valid);
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(rejects(schema, wrong)).toMatch(/wrong check character/);
    expect(rejects(schema, valid.slice(0, 17))).toMatch(/18-character.*got 17/);
    expect(rejects(schema, `${valid.slice(0, 17)}I`)).toMatch(/I, O, S, V, Z/);
  });

  it('region codes have 6, 9 or 12 digits and never a 000 serial', () => {
    const schema = fields.regionCode();
    expect(accepts(schema, ' 440802001 ')).toBe('440802001');
    expect(accepts(schema, 440802)).toBe('440802');
    expect(rejects(schema, '4408020')).toMatch(/6, 9 or 12 digits/);
    expect(rejects(schema, '440802000')).toMatch(/never 000/);
    expect(rejects(schema, '44080A')).toMatch(/6, 9 or 12 digits/);
  });

  it('upstream codes are trimmed and upper-cased before their pattern is checked', () => {
    const schema = fields.trimmedCode(/^[A-Z]{2}\d{3}$/, 'two letters and three digits');
    expect(accepts(schema, ' xk001 ')).toBe('XK001');
    expect(rejects(schema, 'xk01')).toMatch(/must be two letters and three digits, got "xk01"/);
  });
});

describe('numbers, flags, enumerations, text', () => {
  it('whole numbers from numbers or digit strings, within bounds', () => {
    const schema = fields.integer({ min: 0, max: 100 });
    expect(accepts(schema, '20')).toBe(20);
    expect(accepts(schema, 20)).toBe(20);
    expect(rejects(schema, '20.5')).toMatch(/whole number from 0 to 100/);
    expect(rejects(schema, 101)).toMatch(/got "101"/);
    expect(rejects(schema, 'twenty')).toMatch(/whole number/);
  });

  it('flags in the spellings exports use', () => {
    const schema = fields.flag();
    for (const yes of [true, 1, '1', 'true', 'TRUE', 'Y', 'yes', '是']) expect(accepts(schema, yes)).toBe(true);
    for (const no of [false, 0, '0', 'false', 'N', 'no', '否']) expect(accepts(schema, no)).toBe(false);
    expect(rejects(schema, 'maybe')).toMatch(/true or false/);
  });

  it('enumerations map the upstream spelling and accept the stored value itself', () => {
    const schema = fields.labelled({ HALL: ['窗口', '大厅'], ONLINE: ['网上'] });
    expect(accepts(schema, '窗口')).toBe('HALL');
    expect(accepts(schema, '大厅')).toBe('HALL');
    expect(accepts(schema, ' online ')).toBe('ONLINE');
    expect(accepts(schema, 'ＨＡＬＬ')).toBe('HALL');
    expect(rejects(schema, '电话')).toMatch(/must be one of HALL, ONLINE.*got "电话"/);
  });

  it('text is trimmed and bounded; optional fields turn blanks into null', () => {
    expect(accepts(fields.text(5), '  事项  ')).toBe('事项');
    expect(rejects(fields.text(2), '三个字')).toMatch(/at most 2 characters/);
    const optional = fields.optional(fields.integer());
    expect(accepts(optional, '')).toBeNull();
    expect(accepts(optional, null)).toBeNull();
    expect(accepts(optional, undefined)).toBeNull();
    expect(accepts(optional, '3')).toBe(3);
    expect(rejects(optional, 'x')).toMatch(/whole number/);
  });

  it('names the field in an object', () => {
    const schema = z.object({ submittedAt: fields.isoInstant() });
    const result = schema.safeParse({ submittedAt: 'soon' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['submittedAt']);
  });
});
