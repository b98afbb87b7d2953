import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { directory } from '../directory.js';
import {
  countField,
  InvalidValue,
  isoDay,
  optionalField,
  parseCityTime,
  parseCode,
  parseCount,
  parseCreditCode,
  parseDay,
  parseEnum,
  parseInstant,
  parseName,
} from './normalise.js';

const CREDIT_CODE = directory().departments[0]!.code;

describe('dates and instants (the +08:00 rule)', () => {
  it('reads the date forms upstream systems write', () => {
    expect(parseDay('2021-03-04')).toBe('2021-03-04');
    expect(parseDay('2021/3/4')).toBe('2021-03-04');
    expect(parseDay('2021.03.04')).toBe('2021-03-04');
    expect(parseDay(' 2021-3-4 ')).toBe('2021-03-04');
  });

  it('reads a timestamp without an offset as city time', () => {
    expect(parseCityTime('2021-03-04 08:05:00')).toEqual({ day: '2021-03-04', instant: '2021-03-04T08:05:00+08:00' });
    expect(parseInstant('2021/3/4 8:05')).toBe('2021-03-04T08:05:00+08:00');
  });

  it('converts a timestamp with an offset to city time, and its day with it', () => {
    expect(parseCityTime('2021-03-03T16:05:00Z')).toEqual({ day: '2021-03-04', instant: '2021-03-04T00:05:00+08:00' });
    expect(parseInstant('2021-03-04T08:05:00+0800')).toBe('2021-03-04T08:05:00+08:00');
    expect(parseInstant('2021-03-04T08:05:00-05:00')).toBe('2021-03-04T21:05:00+08:00');
  });

  it('keeps milliseconds only when there are some, so the text still sorts by time', () => {
    const whole = parseInstant('2021-03-04 08:05:00');
    const later = parseInstant('2021-03-04T08:05:00.25+08:00');
    expect(later).toBe('2021-03-04T08:05:00.250+08:00');
    expect(parseInstant('2021-03-04T08:05:00.000+08:00')).toBe(whole);
    expect(whole < later && later < parseInstant('2021-03-04 08:05:01')).toBe(true);
  });

  it('makes a bare date the start of its day', () => {
    expect(parseInstant('2021/3/4')).toBe('2021-03-04T00:00:00+08:00');
  });

  it('refuses what is not a real date or time, saying what it expected', () => {
    expect(() => parseDay('2021-02-30')).toThrow(/not a real date/);
    expect(() => parseDay('2021-13-01')).toThrow(InvalidValue);
    expect(() => parseInstant('2021-03-04 24:00:00')).toThrow(/not a real date/);
    expect(() => parseDay('04/03/2021')).toThrow(/expected a date such as 2021-03-04/);
    expect(() => parseDay('2021-03/04')).toThrow(/not a date/);
    expect(() => parseDay('1021-03-04')).toThrow(/between 1900 and 2100/);
    expect(() => parseDay(undefined)).toThrow(/is required/);
  });
});

describe('codes', () => {
  it('cleans and upper-cases a code, full-width characters included', () => {
    expect(parseCode('  bs-2021-001 ', /^BS-\d{4}-\d{3}$/, 'a system id')).toBe('BS-2021-001');
    expect(parseCode('ＢＳ－２０２１－００１', /^BS-\d{4}-\d{3}$/, 'a system id')).toBe('BS-2021-001');
    expect(() => parseCode('BS_1', /^BS-\d{4}-\d{3}$/, 'a system id such as BS-2021-001')).toThrow(
      '"BS_1" is not a system id such as BS-2021-001',
    );
  });

  it('accepts a credit code with its check character, in any case and with spaces around', () => {
    expect(parseCreditCode(` ${CREDIT_CODE.toLowerCase()} `)).toBe(CREDIT_CODE);
  });

  it('says why a credit code is wrong', () => {
    const wrongCheck = CREDIT_CODE.slice(0, 17) + (CREDIT_CODE[17] === '0' ? '1' : '0');
    expect(() => parseCreditCode(wrongCheck)).toThrow(/check character is ., the first 17 characters give/);
    expect(() => parseCreditCode(CREDIT_CODE.slice(0, 17))).toThrow(/has 17 characters, a credit code has 18/);
    expect(() => parseCreditCode(`${CREDIT_CODE.slice(0, 17)}I`)).toThrow(/never uses/);
  });
});

describe('numbers, names and enums', () => {
  it('takes whole numbers from JSON numbers and from CSV text', () => {
    expect(parseCount(42)).toBe(42);
    expect(parseCount('42')).toBe(42);
    expect(parseCount(' 1,234 ')).toBe(1234);
    expect(parseCount('12.0')).toBe(12);
  });

  it('refuses fractions, words, negatives and values below the minimum', () => {
    expect(() => parseCount('1.5')).toThrow(/whole number/);
    expect(() => parseCount(1.5)).toThrow(/whole number/);
    expect(() => parseCount('twelve')).toThrow(/whole number, got "twelve"/);
    expect(() => parseCount('-3')).toThrow(/at least 0, got -3/);
    expect(() => parseCount(0, 1)).toThrow(/at least 1/);
  });

  it('tidies a name and bounds its length', () => {
    expect(parseName('  湛江市  政务服务平台 ')).toBe('湛江市 政务服务平台');
    expect(() => parseName('   ')).toThrow(/must not be empty/);
    expect(() => parseName('x'.repeat(201))).toThrow(/at most 200/);
  });

  it('maps an upstream spelling onto the enum, ignoring case and separators', () => {
    const spellings = { NEW_DEPLOYMENT: ['新建部署'], MIGRATED: ['迁移上云', 'migration'] } as const;
    expect(parseEnum('new-deployment', spellings)).toBe('NEW_DEPLOYMENT');
    expect(parseEnum('新建部署', spellings)).toBe('NEW_DEPLOYMENT');
    expect(parseEnum(' Migration ', spellings)).toBe('MIGRATED');
    expect(() => parseEnum('moved', spellings)).toThrow('"moved" is none of NEW_DEPLOYMENT (新建部署); MIGRATED (迁移上云, migration)');
  });
});

describe('as zod fields', () => {
  const schema = z.object({ day: isoDay(), issued: countField(), note: optionalField(z.string()) });

  it('normalises a CSV row of strings and a JSON object alike', () => {
    expect(schema.parse({ day: '2021/3/4', issued: '7', note: '' })).toEqual({ day: '2021-03-04', issued: 7, note: null });
    expect(schema.parse({ day: '2021/3/4', issued: '7', note: 'checked' }).note).toBe('checked');
    expect(schema.parse({ day: '2021-03-04', issued: 7 })).toEqual({ day: '2021-03-04', issued: 7, note: null });
  });

  it('reports each bad field with its path and the reason', () => {
    const result = schema.safeParse({ day: '2021-02-30', issued: 'many' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['day', '"2021-02-30" is not a real date and time between 1900 and 2100'],
      ['issued', 'must be a whole number, got "many"'],
    ]);
  });

  it('treats a blank cell of a required field as missing', () => {
    const result = schema.safeParse({ day: ' ', issued: '1' });
    expect(result.error!.issues[0]!.message).toBe('is required');
  });
});
