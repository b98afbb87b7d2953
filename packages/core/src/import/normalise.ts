/**
 * Field schemas (zod) that importers build their record schemas from: each accepts what the
 * subsystems actually send (CSV text, JSON numbers, full-width digits, `2021/3/1 8:05`) and
 * outputs the one form GovGraph stores. A value that cannot be read fails with a message naming
 * what was expected and what came.
 */
import { z } from 'zod';
import { isValidUscc, usccCheckCharacter } from '../uscc.js';

/** China has one time zone and no daylight saving: local wall-clock time is UTC+8 all year. */
export const CHINA_OFFSET = '+08:00';
const CHINA_OFFSET_MINUTES = 8 * 60;

/** NFKC turns full-width digits and letters (`４４０８`) into ASCII; then surrounding space goes. */
function clean(input: string | number): string {
  return String(input).normalize('NFKC').trim();
}

const quoted = (input: unknown) => JSON.stringify(input);

const missingOr = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? 'missing' : `expected ${expected}, got ${quoted(issue.input)}`;

/** What a field arrives as: CSV gives text, JSON may give a number for a code or an instant. */
const textOrNumber = () => z.union([z.string(), z.number()], { error: missingOr('text or a number') });
const textOnly = () => z.string({ error: missingOr('text') });

const INSTANT =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * `2021-03-01T08:30:00+08:00` from an ISO instant with any offset, a local `2021-03-01 08:30[:00]`
 * or `2021/3/1 8:30`, or epoch milliseconds. Milliseconds are kept when not zero (three digits),
 * so text order stays time order; every result carries the China offset.
 */
export function toChinaInstant(input: string | number): string | undefined {
  let utcMs: number;
  if (typeof input === 'number') {
    if (!Number.isSafeInteger(input) || input < 0) return undefined;
    utcMs = input;
  } else {
    const match = INSTANT.exec(clean(input));
    if (!match) return undefined;
    const [, y, mo, d, h, mi, s, fraction, offset] = match;
    const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0)] as const;
    const ms = Math.floor(Number(`0.${fraction ?? '0'}`) * 1000);
    const wall = Date.UTC(...parts, ms);
    // Date.UTC rolls 2021-02-30 over into March; a real date survives the round trip unchanged.
    const back = new Date(wall);
    if (
      back.getUTCFullYear() !== parts[0] ||
      back.getUTCMonth() !== parts[1] ||
      back.getUTCDate() !== parts[2] ||
      back.getUTCHours() !== parts[3] ||
      back.getUTCMinutes() !== parts[4] ||
      back.getUTCSeconds() !== parts[5]
    ) {
      return undefined;
    }
    let offsetMinutes = CHINA_OFFSET_MINUTES;
    if (offset && offset.toUpperCase() !== 'Z') {
      const sign = offset.startsWith('-') ? -1 : 1;
      const digits = offset.slice(1).replace(':', '');
      offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    } else if (offset) {
      offsetMinutes = 0;
    }
    utcMs = wall - offsetMinutes * 60_000;
  }
  const local = new Date(utcMs + CHINA_OFFSET_MINUTES * 60_000).toISOString();
  const millis = local.slice(19, 23);
  return `${local.slice(0, 19)}${millis === '.000' ? '' : millis}${CHINA_OFFSET}`;
}

/** An instant, normalised by toChinaInstant. */
export function isoInstant() {
  return textOrNumber().transform((input, ctx) => {
    const instant = toChinaInstant(input);
    if (instant === undefined) {
      ctx.addIssue({ code: 'custom', message: `not a date and time (${quoted(input)})`, input });
      return z.NEVER;
    }
    return instant;
  });
}

/** `2021-03-01` from `2021-03-01`, `2021/3/1` or `20210301`, checked against the calendar. */
export function isoDay() {
  return textOrNumber().transform((input, ctx) => {
    const match = /^(\d{4})(?:[-/](\d{1,2})[-/](\d{1,2})|(\d{2})(\d{2}))$/.exec(clean(input));
    const day = match
      ? `${match[1]}-${(match[2] ?? match[4])!.padStart(2, '0')}-${(match[3] ?? match[5])!.padStart(2, '0')}`
      : undefined;
    if (!day || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) {
      ctx.addIssue({ code: 'custom', message: `not a date (${quoted(input)})`, input });
      return z.NEVER;
    }
    return day;
  });
}

/** A code trimmed (and NFKC-normalised) that must match `pattern`, e.g. /^\d{9}$/ for a township. */
export function trimmedCode(pattern: RegExp, what: string) {
  return textOrNumber().transform((input, ctx) => {
    const code = clean(input).toUpperCase();
    if (!pattern.test(code)) {
      ctx.addIssue({ code: 'custom', message: `not ${what} (${quoted(input)})`, input });
      return z.NEVER;
    }
    return code;
  });
}

/** A unified social credit code (统一社会信用代码): 18 characters whose last checks the other 17. */
export function creditCode() {
  return textOrNumber().transform((input, ctx) => {
    const code = clean(input).toUpperCase();
    if (isValidUscc(code)) return code;
    let message = `not an 18-character unified social credit code (${quoted(input)})`;
    if (/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
      message = `credit code ${code} has check character ${code[17]}, expected ${usccCheckCharacter(code.slice(0, 17))}`;
    }
    ctx.addIssue({ code: 'custom', message, input });
    return z.NEVER;
  });
}

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

export function phoneNumber(options: { localAreaCode?: string } = {}) {
  return textOrNumber().transform((input, ctx) => {
    const phone = normalisePhone(String(input), options.localAreaCode);
    if (phone === undefined) {
      ctx.addIssue({ code: 'custom', message: `not a phone number (${quoted(input)})`, input });
      return z.NEVER;
    }
    return phone;
  });
}

/** Free text, trimmed; at most `max` characters. */
export function textField(max: number) {
  return textOnly().transform((input) => input.trim()).pipe(z.string().min(1, 'must not be empty').max(max));
}

/**
 * A field that may be absent: missing, null and the empty (or blank) string — how CSV says
 * "nothing" — all become null; anything else must pass `schema`.
 */
export function optionalField<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (input) => (input === undefined || input === null || (typeof input === 'string' && input.trim() === '') ? null : input),
    schema.nullable(),
  );
}

/**
 * An enum value given by its GraphQL name (any case) or by one of its Chinese labels:
 * `labelledEnum({ PHONE: ['电话'], WEB: ['网站', '网页'] })` reads `phone`, `PHONE` and `电话` as PHONE.
 */
export function labelledEnum<const T extends string>(labels: Record<T, readonly string[]>) {
  const byText = new Map<string, T>();
  for (const [value, names] of Object.entries(labels) as [T, readonly string[]][]) {
    byText.set(value.toUpperCase(), value);
    for (const name of names) byText.set(name, value);
  }
  const allowed = Object.keys(labels).join(', ');
  return textOnly().transform((input, ctx) => {
    const key = clean(input);
    const value = byText.get(key) ?? byText.get(key.toUpperCase());
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: `not one of ${allowed} (${quoted(input)})`, input });
      return z.NEVER;
    }
    return value;
  });
}
