import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { governmentUscc } from '../uscc.js';
import {
  creditCode,
  isoDay,
  isoInstant,
  labelledEnum,
  normalisePhone,
  optionalField,
  toChinaInstant,
  trimmedCode,
} from './normalise.js';
import { describeIssues } from './zod-reasons.js';

const reason = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? undefined : describeIssues(parsed.error);
};

describe('field normalisation', () => {
  it('reads instants in the forms subsystems send, and writes one form with the China offset', () => {
    expect(toChinaInstant('2021-03-01T08:30:00+08:00')).toBe('2021-03-01T08:30:00+08:00');
    expect(toChinaInstant('2021-03-01 08:30')).toBe('2021-03-01T08:30:00+08:00');
    expect(toChinaInstant('2021/3/1 8:30:05')).toBe('2021-03-01T08:30:05+08:00');
    expect(toChinaInstant('2021-03-01T00:30:00Z')).toBe('2021-03-01T08:30:00+08:00');
    expect(toChinaInstant('2021-02-28T20:00:00-0500')).toBe('2021-03-01T09:00:00+08:00');
    expect(toChinaInstant('２０２１-03-01 08:30')).toBe('2021-03-01T08:30:00+08:00');
    expect(toChinaInstant('2021-03-01 08:30:00.250')).toBe('2021-03-01T08:30:00.250+08:00');
    expect(toChinaInstant(Date.UTC(2021, 2, 1, 0, 30))).toBe('2021-03-01T08:30:00+08:00');
    for (const bad of ['2021-02-29 08:00', '2021-03-01', '2021-03-01 24:00', 'yesterday', '']) expect(toChinaInstant(bad)).toBeUndefined();
  });

  it('keeps text order equal to time order, milliseconds or not', () => {
    const a = toChinaInstant('2021-03-01 08:30:00')!;
    const b = toChinaInstant('2021-03-01 08:30:00.001')!;
    const c = toChinaInstant('2021-03-01 08:30:01')!;
    expect([c, b, a].sort()).toEqual([a, b, c]);
  });

  it('reads days and rejects impossible ones', () => {
    expect(isoDay().parse('2021/3/1')).toBe('2021-03-01');
    expect(isoDay().parse('20210301')).toBe('2021-03-01');
    expect(reason(isoDay(), '2021-02-30')).toBe('not a date ("2021-02-30")');
  });

  it('checks credit codes, saying which check character was expected', () => {
    const good = governmentUscc('440800', 7);
    expect(creditCode().parse(` ${good.toLowerCase()} `)).toBe(good);
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(reason(creditCode(), wrong)).toBe(`credit code ${wrong} has check character ${wrong[17]}, expected ${good[17]}`);
    expect(reason(creditCode(), '12345')).toBe('not an 18-character unified social credit code ("12345")');
  });

  it('normalises phone numbers', () => {
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalisePhone('(0759) 331 2345')).toBe('0759-3312345');
    expect(normalisePhone('020-12345678')).toBe('020-12345678');
    expect(normalisePhone('3312345', '0759')).toBe('0759-3312345');
    expect(normalisePhone('12345')).toBe('12345');
    expect(normalisePhone('1381234567')).toBeUndefined();
  });

  it('trims codes and reads enums by name or Chinese label', () => {
    expect(trimmedCode(/^\d{6}$/, 'a county code').parse(' 440802 ')).toBe('440802');
    expect(trimmedCode(/^\d{6}$/, 'a county code').parse(440802)).toBe('440802');
    const channel = labelledEnum({ PHONE: ['电话'], WEB: ['网站'] });
    expect(channel.parse('电话')).toBe('PHONE');
    expect(channel.parse(' web ')).toBe('WEB');
    expect(reason(channel, '传真')).toBe('not one of PHONE, WEB ("传真")');
  });

  it('reads absent, null and blank optional fields as null', () => {
    const schema = z.object({ at: optionalField(isoInstant()) });
    expect(schema.parse({})).toEqual({ at: null });
    expect(schema.parse({ at: '  ' })).toEqual({ at: null });
    expect(schema.parse({ at: '2021-03-01 08:00' })).toEqual({ at: '2021-03-01T08:00:00+08:00' });
  });
});
