/**
 * Field schemas (zod) that every importer builds its record schemas from: each accepts what the
 * subsystems actually send (JSON values, or CSV cells that are all strings; full-width digits,
 * `2021/3/1 8:05`, `"1,234"`, `是`) and outputs the one form GovGraph stores. A value that cannot
 * be read fails with a message naming what was expected and what came, because that message is
 * the quarantine reason a person reads (zod adds the field's name).
 *
 * Time rule: the city keeps China Standard Time (UTC+08:00, no daylight saving). A time written
 * without an offset is local wall-clock time; one with an offset (`Z`, `+00:00`, `+0800`, `-05`)
 * is the same instant moved to +08:00. Instants are stored as `YYYY-MM-DDTHH:MM:SS+08:00`, with
 * `.sss` only when the milliseconds are not zero (the form the seed writes), so comparing the
 * text compares the instants. An instant needs a time of day; a day field keeps the local
 * calendar day of whatever date or instant it is given.
 */
import { z } from 'zod';
import { isValidUscc, usccCheckCharacter } from '../uscc.js';

/** China has one time zone and no daylight saving: local wall-clock time is UTC+8 all year. */
export const CHINA_OFFSET = '+08:00';
const CHINA_OFFSET_MINUTES = 8 * 60;

/** A value an upstream sent that cannot be normalised; its message is the quarantine reason. */
export class InvalidValue extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidValue';
  }
}

/** Empty CSV cells, JSON nulls and missing keys all mean "no value". */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * A schema from a parse function: a thrown InvalidValue becomes a validation issue with its
 * message; anything else is a bug and propagates. A missing key or a JSON null reaches `parse`
 * as `null` (a blank string as itself), so `parse` alone decides what a missing value means and
 * says so in its own words.
 */
export function normalisedField<T>(parse: (value: unknown) => T): z.ZodType<T> {
  // Without a preprocess step in front, an absent key fails zod's own "expected nonoptional"
  // check before the transform could run.
  return z.preprocess(
    (value) => (value === undefined ? null : value),
    z.unknown().transform((value, ctx) => {
      try {
        return parse(value);
      } catch (error) {
        if (!(error instanceof InvalidValue)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message, input: value });
        return z.NEVER;
      }
    }),
  );
}

/**
 * A field that may be absent: missing, null and the empty (or blank) string — how CSV says
 * "nothing" — all become null; anything else must pass `schema`.
 */
export function optionalField<T>(schema: z.ZodType<T>): z.ZodType<T | null> {
  return z.preprocess((value) => (isBlank(value) ? null : value), schema.nullable());
}

/** The value as it came, for a message: text quoted (a long one cut short), anything else as JSON. */
const quoted = (value: unknown): string =>
  typeof value === 'string'
    ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)
    : (JSON.stringify(value) ?? String(value));

/** What a field arrives as: CSV gives text, JSON may give a number for a code or an instant. */
function textOrNumber(value: unknown): string | number {
  if (value === null) throw new InvalidValue('missing');
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new InvalidValue(`expected text or a number, got ${quoted(value)}`);
}

/** NFKC turns full-width digits and letters (`４４０８`) into ASCII; then surrounding space goes. */
function clean(input: string | number): string {
  return String(input).normalize('NFKC').trim();
}

// ---------------------------------------------------------------------------------------------
// Instants and days

const DAY_PART = String.raw`(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))`;
const TIME_PART = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)`;
const DAY_ONLY = new RegExp(`^${DAY_PART}$`);
const DAY_AND_TIME = new RegExp(`^${DAY_PART}${TIME_PART}$`, 'i');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatChinaInstant(utcMs: number): string {
  const local = new Date(utcMs + CHINA_OFFSET_MINUTES * 60_000).toISOString();
  const millis = local.slice(19, 23);
  return `${local.slice(0, 19)}${millis === '.000' ? '' : millis}${CHINA_OFFSET}`;
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/** Epoch seconds (10 digits) or milliseconds (13 digits), as a JSON number or text. */
function fromEpoch(digits: string): string | undefined {
  if (!/^\d{10}$|^\d{13}$/.test(digits)) return undefined;
  return formatChinaInstant(digits.length === 10 ? Number(digits) * 1000 : Number(digits));
}

/** The wall-clock fields of a date (and time) match, checked against the calendar, or undefined. */
function wallClock(match: RegExpExecArray): number | undefined {
  const year = Number(match[1]);
  const month = Number(match[3] ?? match[5] ?? match[7]);
  const day = Number(match[4] ?? match[6] ?? match[8]);
  const [hour, minute, second] = [Number(match[9] ?? 0), Number(match[10] ?? 0), Number(match[11] ?? 0)];
  const millis = Math.floor(Number(`0.${match[12] ?? '0'}`) * 1000);
  if (year < 1900 || year > 2099 || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2021-02-30 over into March; a real date survives the round trip unchanged.
  const back = new Date(ms);
  return back.getUTCMonth() === month - 1 && back.getUTCDate() === day ? ms : undefined;
}

/**
 * `2021-03-01T08:30:00+08:00` from an ISO instant with any offset; a local `2021-03-01 08:30[:00]`,
 * `2021/3/1 8:30`, `2021.3.1 8:30` or `2021年3月1日 8:30`; or epoch seconds / milliseconds
 * (10 or 13 digits). A day without a time is not an instant (undefined).
 */
export function toChinaInstant(input: string | number): string | undefined {
  const text = clean(input).replace(/\s+/g, ' ');
  const epoch = fromEpoch(text);
  if (epoch !== undefined || typeof input === 'number') return epoch;
  const match = DAY_AND_TIME.exec(text);
  if (!match) return undefined;
  const local = wallClock(match);
  if (local === undefined) return undefined;
  const offset = match[13] ? offsetMinutes(match[13]) : CHINA_OFFSET_MINUTES;
  if (Math.abs(offset) > 14 * 60) return undefined;
  return formatChinaInstant(local - offset * 60_000);
}

/** `2021-03-01` from a day (`2021-03-01`, `2021/3/1`, `2021.3.1`, `2021年3月1日`, `20210301`) or from an instant (its China day). */
export function toChinaDay(input: string | number): string | undefined {
  const text = clean(input).replace(/\s+/g, ' ');
  const match = DAY_ONLY.exec(text);
  if (match) {
    const local = wallClock(match);
    return local === undefined ? undefined : new Date(local).toISOString().slice(0, 10);
  }
  return toChinaInstant(input)?.slice(0, 10);
}

/** An instant, normalised by toChinaInstant. */
export function isoInstant(): z.ZodType<string> {
  return normalisedField((value) => {
    const instant = toChinaInstant(textOrNumber(value));
    if (instant === undefined) throw new InvalidValue(`not a date and time (${quoted(value)})`);
    return instant;
  });
}

/** A calendar day, `YYYY-MM-DD`, normalised by toChinaDay. */
export function isoDay(): z.ZodType<string> {
  return normalisedField((value) => {
    const day = toChinaDay(textOrNumber(value));
    if (day === undefined) throw new InvalidValue(`not a date (${quoted(value)})`);
    return day;
  });
}

// ---------------------------------------------------------------------------------------------
// Codes

/** Codes are typed by people and exported by spreadsheets: NFKC, trimmed, upper case. */
export function normaliseCode(input: string | number): string {
  return clean(input).toUpperCase();
}

/** A code trimmed (and NFKC-normalised, upper-cased) that must match `pattern`, e.g. /^\d{9}$/ for a township. */
export function trimmedCode(pattern: RegExp, what: string): z.ZodType<string> {
  return normalisedField((value) => {
    const code = normaliseCode(textOrNumber(value));
    if (!pattern.test(code)) throw new InvalidValue(`not ${what} (${quoted(value)})`);
    return code;
  });
}

/** A unified social credit code (统一社会信用代码): 18 characters whose last checks the other 17. */
export function creditCode(): z.ZodType<string> {
  return normalisedField((value) => {
    const code = normaliseCode(textOrNumber(value));
    if (isValidUscc(code)) return code;
    if (/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
      throw new InvalidValue(`credit code ${code} has check character ${code[17]}, expected ${usccCheckCharacter(code.slice(0, 17))}`);
    }
    throw new InvalidValue(`not an 18-character unified social credit code (${quoted(value)})`);
  });
}

/**
 * An administrative division code (行政区划代码): 6 digits for a city or county, 9 for a township,
 * 12 for a village, each extending its parent's code (whether the division exists, and so its
 * parent, is a reference check against what the subgraph knows).
 */
export function regionCode(): z.ZodType<string> {
  return normalisedField((value) => {
    const code = normaliseCode(textOrNumber(value));
    if (!/^\d{6}(?:\d{3}){0,2}$/.test(code)) throw new InvalidValue(`not a 6-, 9- or 12-digit division code (${quoted(value)})`);
    if (code.length > 6 && code.endsWith('000')) {
      throw new InvalidValue(`not a division code: a township or village serial is never 000 (${quoted(value)})`);
    }
    return code;
  });
}

// ---------------------------------------------------------------------------------------------
// Phones, text, numbers, flags, enums

/**
 * A phone number in one form: mobiles as 11 digits (`13812345678`), landlines as area code, dash,
 * number (`0759-3312345`), with spaces, dashes, brackets and a +86 / 0086 prefix removed. A
 * landline without area code is taken to be in `localAreaCode`. Short service numbers (12345,
 * 95588) stay as they are.
 */
export function normalisePhone(input: string, localAreaCode?: string): string | undefined {
  const digits = clean(input)
    .replace(/[\s\-().]/g, '')
    .replace(/^(?:\+86|0086)/, '');
  if (/^1[3-9]\d{9}$/.test(digits)) return digits;
  if (/^(?:1\d{4}|9\d{4})$/.test(digits)) return digits;
  // Beijing (010) and the 02x cities have three-digit area codes, every other city four.
  const landline = /^(0(?:10|2\d)|0[3-9]\d{2})(\d{7,8})$/.exec(digits);
  if (landline) return `${landline[1]}-${landline[2]}`;
  if (localAreaCode && /^[2-9]\d{6,7}$/.test(digits)) return `${localAreaCode}-${digits}`;
  return undefined;
}

export function phoneNumber(options: { localAreaCode?: string } = {}): z.ZodType<string> {
  return normalisedField((value) => {
    const phone = normalisePhone(String(textOrNumber(value)), options.localAreaCode);
    if (phone === undefined) throw new InvalidValue(`not a phone number (${quoted(value)})`);
    return phone;
  });
}

/**
 * Free text (a name, a summary), trimmed and in Unicode NFC; at most `max` characters. Not NFKC:
 * full-width punctuation (，；) is how Chinese text is written, not a typing slip.
 */
export function textField(max = 200): z.ZodType<string> {
  return normalisedField((value) => {
    const text = String(textOrNumber(value)).normalize('NFC').trim();
    if (text === '') throw new InvalidValue('must not be empty');
    if (text.length > max) throw new InvalidValue(`must be at most ${max} characters, got ${text.length}`);
    return text;
  });
}

/**
 * A whole number from a JSON number or text as spreadsheets write it (`"1234"`, `"1,234"`,
 * `"12.0"`, full-width digits), between `min` (default 0) and `max`.
 */
export function integer(options: { min?: number; max?: number } = {}): z.ZodType<number> {
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  const range = options.max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  return normalisedField((value) => {
    const given = textOrNumber(value);
    let n = Number.NaN;
    if (typeof given === 'number') n = given;
    else {
      const text = clean(given);
      if (/^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.0+)?$/.test(text)) n = Number(text.replace(/,/g, ''));
    }
    if (!Number.isSafeInteger(n)) throw new InvalidValue(`not a whole number (${quoted(value)})`);
    if (n < min || n > max) throw new InvalidValue(`not a whole number ${range} (${quoted(value)})`);
    return n;
  });
}

const TRUE_WORDS = new Set(['1', 'TRUE', 'T', 'YES', 'Y', '是', '有']);
const FALSE_WORDS = new Set(['0', 'FALSE', 'F', 'NO', 'N', '否', '无']);

/** A yes/no flag: true/false, 1/0, yes/no, Y/N, 是/否, 有/无. */
export function flag(): z.ZodType<boolean> {
  return normalisedField((value) => {
    if (typeof value === 'boolean') return value;
    const word = normaliseCode(textOrNumber(value));
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    throw new InvalidValue(`not true or false (1/0, 是/否) (${quoted(value)})`);
  });
}

/** How enum spellings are compared: NFKC, trimmed, upper case, runs of `-`, `_` and spaces as one `_`. */
const enumKey = (text: string) => normaliseCode(text).replace(/[\s_-]+/g, '_');

/**
 * An enum value given by its GraphQL name or by one of its upstream spellings (Chinese labels,
 * older codes): `labelledEnum({ PHONE: ['电话'], WEB: ['网站', '网页'] })` reads `phone`, `PHONE`,
 * `ＰＨＯＮＥ` and `电话` as PHONE; case and `-`/`_`/space differences are ignored.
 */
export function labelledEnum<const T extends string>(labels: Readonly<Record<T, readonly string[]>>): z.ZodType<T> {
  const byKey = new Map<string, T>();
  for (const [value, names] of Object.entries(labels) as [T, readonly string[]][]) {
    byKey.set(enumKey(value), value);
    for (const name of names) byKey.set(enumKey(name), value);
  }
  const allowed = Object.keys(labels).join(', ');
  return normalisedField((input) => {
    const value = byKey.get(enumKey(String(textOrNumber(input))));
    if (value === undefined) throw new InvalidValue(`not one of ${allowed} (${quoted(input)})`);
    return value;
  });
}
