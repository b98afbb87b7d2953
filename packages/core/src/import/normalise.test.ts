import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { governmentUscc } from '../uscc.js';
import {
  creditCode,
  flag,
  integer,
  InvalidValue,
  isoDay,
  isoInstant,
  labelledEnum,
  normalisedField,
  normalisePhone,
  optionalField,
  regionCode,
  textField,
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

  it('also reads dotted and Chinese dates, spread-out spacing, short offsets and epoch seconds', () => {
    expect(toChinaInstant('2021.3.4 08:05')).toBe('2021-03-04T08:05:00+08:00');
    expect(toChinaInstant('2021年3月4日 8:05')).toBe('2021-03-04T08:05:00+08:00');
    expect(toChinaInstant('  2021-03-04   08:05:00 ')).toBe('2021-03-04T08:05:00+08:00');
    expect(toChinaInstant('2021-03-04T09:05:00+09')).toBe('2021-03-04T08:05:00+08:00');
    expect(toChinaInstant('2021-12-31T20:00:00Z')).toBe('2022-01-01T04:00:00+08:00');
    expect(toChinaInstant(String(Date.UTC(2021, 2, 4, 0, 5) / 1000))).toBe('2021-03-04T08:05:00+08:00');
    for (const bad of ['2021-03-04T08:05:00+25:00', '2021-13-01 08:00', '04/03/2021 08:00', '1021-03-04 08:00']) {
      expect(toChinaInstant(bad)).toBeUndefined();
    }
  });

  it('keeps text order equal to time order, milliseconds or not', () => {
    const a = toChinaInstant('2021-03-01 08:30:00')!;
    const b = toChinaInstant('2021-03-01 08:30:00.001')!;
    const c = toChinaInstant('2021-03-01 08:30:01')!;
    expect([c, b, a].sort()).toEqual([a, b, c]);
    expect(toChinaInstant('2021-03-04T08:05:00.000+08:00')).toBe('2021-03-04T08:05:00+08:00');
  });

  it('reads days and rejects impossible ones', () => {
    expect(isoDay().parse('2021/3/1')).toBe('2021-03-01');
    expect(isoDay().parse('20210301')).toBe('2021-03-01');
    expect(reason(isoDay(), '2021-02-30')).toBe('not a date ("2021-02-30")');
  });

  it('takes the China calendar day of an instant, in any day form', () => {
    expect(isoDay().parse('2021.03.04')).toBe('2021-03-04');
    expect(isoDay().parse('2021年3月4日')).toBe('2021-03-04');
    expect(isoDay().parse('2021-03-04 00:00:00')).toBe('2021-03-04');
    // 20:00 UTC on the 3rd is already the 4th in the city.
    expect(isoDay().parse('2021-03-03T20:00:00Z')).toBe('2021-03-04');
    expect(reason(isoDay(), '2021-03/04')).toBe('not a date ("2021-03/04")');
  });

  it('says missing for an absent instant and names what came for a wrong one', () => {
    expect(reason(isoInstant(), undefined)).toBe('missing');
    expect(reason(isoInstant(), null)).toBe('missing');
    expect(reason(isoInstant(), true)).toBe('expected text or a number, got true');
    expect(reason(isoInstant(), '2021-03-04')).toBe('not a date and time ("2021-03-04")');
  });

  it('checks credit codes, saying which check character was expected', () => {
    const good = governmentUscc('440800', 7);
    expect(creditCode().parse(` ${good.toLowerCase()} `)).toBe(good);
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(reason(creditCode(), wrong)).toBe(`credit code ${wrong} has check character ${wrong[17]}, expected ${good[17]}`);
    expect(reason(creditCode(), '12345')).toBe('not an 18-character unified social credit code ("12345")');
    // Full-width characters from a spreadsheet become ASCII.
    const fullWidth = [...good].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    expect(creditCode().parse(fullWidth)).toBe(good);
  });

  it('checks division codes: 6, 9 or 12 digits, never a 000 serial', () => {
    expect(regionCode().parse(' 440802001 ')).toBe('440802001');
    expect(regionCode().parse(440802)).toBe('440802');
    expect(reason(regionCode(), '4408020')).toBe('not a 6-, 9- or 12-digit division code ("4408020")');
    expect(reason(regionCode(), '440802000')).toBe('not a division code: a township or village serial is never 000 ("440802000")');
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
    expect(trimmedCode(/^BS-\d{4}$/, 'a system id').parse('ＢＳ－２０２１')).toBe('BS-2021');
    const channel = labelledEnum({ PHONE: ['电话'], WEB: ['网站'] });
    expect(channel.parse('电话')).toBe('PHONE');
    expect(channel.parse(' web ')).toBe('WEB');
    expect(reason(channel, '传真')).toBe('not one of PHONE, WEB ("传真")');
  });

  it('reads enums ignoring case, width and separators', () => {
    const origin = labelledEnum({ NEW_DEPLOYMENT: ['新建部署'], MIGRATED: ['迁移上云', 'migration'] });
    expect(origin.parse('new-deployment')).toBe('NEW_DEPLOYMENT');
    expect(origin.parse(' Migration ')).toBe('MIGRATED');
    expect(labelledEnum({ HALL: ['窗口'] }).parse('ＨＡＬＬ')).toBe('HALL');
  });

  it('reads whole numbers from JSON and from spreadsheet text, within bounds', () => {
    const count = integer();
    expect(count.parse(42)).toBe(42);
    expect(count.parse(' 1,234 ')).toBe(1234);
    expect(count.parse('12.0')).toBe(12);
    expect(reason(count, '1.5')).toBe('not a whole number ("1.5")');
    expect(reason(count, 1.5)).toBe('not a whole number (1.5)');
    expect(reason(count, '-3')).toBe('not a whole number of at least 0 ("-3")');
    expect(reason(integer({ min: 0, max: 100 }), 101)).toBe('not a whole number from 0 to 100 (101)');
  });

  it('reads flags in the spellings exports use', () => {
    for (const yes of [true, 1, '1', 'true', 'Y', 'yes', '是']) expect(flag().parse(yes)).toBe(true);
    for (const no of [false, 0, '0', 'FALSE', 'N', 'no', '否']) expect(flag().parse(no)).toBe(false);
    expect(reason(flag(), 'maybe')).toBe('not true or false (1/0, 是/否) ("maybe")');
  });

  it('trims text and bounds its length, keeping Chinese punctuation', () => {
    expect(textField(20).parse('  咨询材料，另问时限  ')).toBe('咨询材料，另问时限');
    expect(reason(textField(2), '三个字')).toBe('must be at most 2 characters, got 3');
    expect(reason(textField(5), '   ')).toBe('must not be empty');
  });

  it('reads absent, null and blank optional fields as null', () => {
    const schema = z.object({ at: optionalField(isoInstant()) });
    expect(schema.parse({})).toEqual({ at: null });
    expect(schema.parse({ at: '  ' })).toEqual({ at: null });
    expect(schema.parse({ at: '2021-03-01 08:00' })).toEqual({ at: '2021-03-01T08:00:00+08:00' });
  });

  it('builds a field from a parse function, reporting each bad field with its path', () => {
    const even = normalisedField((value) => {
      if (typeof value !== 'number' || value % 2 !== 0) throw new InvalidValue(`not even (${String(value)})`);
      return value;
    });
    const schema = z.object({ day: isoDay(), n: even });
    expect(schema.parse({ day: '2021/3/4', n: 2 })).toEqual({ day: '2021-03-04', n: 2 });
    expect(reason(schema, { day: '2021-02-30', n: 3 })).toBe('day: not a date ("2021-02-30"); n: not even (3)');
    expect(reason(schema, { n: 2 })).toBe('day: missing');
  });
});
