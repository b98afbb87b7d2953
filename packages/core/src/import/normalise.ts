/**
 * Zod building blocks that every importer's record schema is made of: they accept what upstream
 * systems actually send (JSON values, or CSV cells that are all strings, possibly blank) and turn
 * it into the one form GovGraph stores. Each rejects with a sentence a person can act on, naming
 * the value it got, because that sentence is what the quarantine table shows.
 *
 * Time rule: the city keeps China Standard Time (UTC+08:00, no daylight saving). A timestamp
 * written without an offset is read as +08:00 wall-clock time; one with an offset (`Z`, `+00:00`,
 * `+0800`) is converted to +08:00. Instants are written `YYYY-MM-DDTHH:mm:ss+08:00` (with `.sss`
 * only when the milliseconds are not zero), the form the seed stores, so that comparing the text
 * compares the instants. A day taken from a timestamp is the +08:00 calendar day.
 */
import { z } from 'zod';
import { isValidUscc, usccCheckCharacter } from '../uscc.js';

/** A value an upstream sent that cannot be normalised; the message is the quarantine reason. */
export class InvalidValue extends Error {}

/**
 * A schema from a parse function: a thrown InvalidValue becomes a validation issue with its
 * message, anything else is a bug and propagates. Missing values (absent, null, a blank CSV
 * cell) reach `parse` as `null`.
 */
export function normalisedField<T>(parse: (value: unknown) => T): z.ZodType<T> {
  // An absent key fails zod's own "expected nonoptional" check before a transform could run,
  // unless a preprocess step stands first: it turns every missing form into null, so `parse`
  // alone decides whether the field may be missing and says so in its own words.
  return z.preprocess(
    missingToNull,
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
 * A field that may be absent: missing, null and a blank CSV cell all become null; anything else
 * must pass `schema`.
 */
export function optionalField<T>(schema: z.ZodType<T>): z.ZodType<T | null> {
  return z.preprocess(missingToNull, schema.nullable());
}

/** CSV writes a missing value as an empty cell; JSON as a missing key or null. All become null. */
function missingToNull(value: unknown): unknown {
  return value === undefined || (typeof value === 'string' && value.trim() === '') ? null : value;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function requireValue(value: unknown): asserts value is NonNullable<unknown> {
  if (value === undefined || value === null) throw new InvalidValue('is required');
}

/**
 * Text as people typed it into an upstream form: full-width letters and digits (ＡＢ１２) made
 * half-width by NFKC, surrounding spaces dropped.
 */
export function cleanText(value: unknown): string {
  requireValue(value);
  if (typeof value !== 'string' && typeof value !== 'number') throw new InvalidValue(`must be text, got ${shown(value)}`);
  return String(value).normalize('NFKC').trim();
}

/** A non-empty name of at most `max` characters. */
export function parseName(value: unknown, max = 200): string {
  const text = cleanText(value).replace(/\s+/g, ' ');
  if (text === '') throw new InvalidValue('must not be empty');
  if (text.length > max) throw new InvalidValue(`is at most ${max} characters, got ${text.length}`);
  return text;
}

/**
 * An identifier code: cleaned and upper-cased (codes are case-insensitive upstream and upper-case
 * here), then checked against `pattern`, whose meaning `expected` says in words.
 */
export function parseCode(value: unknown, pattern: RegExp, expected: string): string {
  const code = cleanText(value).toUpperCase();
  if (!pattern.test(code)) throw new InvalidValue(`${shown(code)} is not ${expected}`);
  return code;
}

/** A unified social credit code (统一社会信用代码): 18 characters ending in the right check character. */
export function parseCreditCode(value: unknown): string {
  const code = cleanText(value).toUpperCase();
  if (code.length !== 18) throw new InvalidValue(`${shown(code)} is not a credit code: it has ${code.length} characters, a credit code has 18`);
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
    throw new InvalidValue(`${shown(code)} is not a credit code: it holds characters a credit code never uses (I, O, S, V, Z, or letters where the region code's digits go)`);
  }
  if (!isValidUscc(code)) {
    throw new InvalidValue(`${shown(code)} is not a credit code: its check character is ${code[17]}, the first 17 characters give ${usccCheckCharacter(code.slice(0, 17))}`);
  }
  return code;
}

/**
 * A whole number ≥ `min`, from a JSON number or a string (`"1234"`, `"1,234"`, `"12.0"`), as
 * exports written by spreadsheets have them.
 */
export function parseCount(value: unknown, min = 0): number {
  requireValue(value);
  let number: number;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string') {
    const text = value.normalize('NFKC').trim();
    if (!/^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.0+)?$/.test(text)) throw new InvalidValue(`must be a whole number, got ${shown(value)}`);
    number = Number(text.replace(/,/g, ''));
  } else throw new InvalidValue(`must be a whole number, got ${shown(value)}`);
  if (!Number.isSafeInteger(number)) throw new InvalidValue(`must be a whole number, got ${shown(value)}`);
  if (number < min) throw new InvalidValue(`must be at least ${min}, got ${number}`);
  return number;
}

/**
 * An enum value from the upstream's spelling: its own constant, a listed alias (Chinese labels,
 * older codes), case and `-`/`_`/space differences ignored.
 */
export function parseEnum<T extends string>(value: unknown, spellings: Readonly<Record<T, readonly string[]>>): T {
  const key = (text: string) => text.normalize('NFKC').trim().toUpperCase().replace(/[\s_-]+/g, '_');
  const given = key(cleanText(value));
  for (const [target, aliases] of Object.entries(spellings) as [T, readonly string[]][]) {
    if (key(target) === given || aliases.some((alias) => key(alias) === given)) return target;
  }
  const choices = (Object.entries(spellings) as [T, readonly string[]][])
    .map(([target, aliases]) => (aliases.length > 0 ? `${target} (${aliases.join(', ')})` : target))
    .join('; ');
  throw new InvalidValue(`${shown(value)} is none of ${choices}`);
}

// ---------------------------------------------------------------------------------------------
// Dates and instants

/** Minutes east of UTC of the city's clock. */
const CITY_OFFSET_MINUTES = 8 * 60;

// 2021-03-04, 2021/3/4, 2021.3.4, each optionally followed by a time (T or a space), seconds and
// fractions optional, and an optional offset: Z, +08:00, +0800, +08.
const DATE_TIME =
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export interface CityTime {
  /** The +08:00 calendar day, `YYYY-MM-DD`. */
  day: string;
  /** `YYYY-MM-DDTHH:mm:ss[.sss]+08:00`. */
  instant: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Reads a date or timestamp by the time rule above; a bare date is the start of that day. */
export function parseCityTime(value: unknown): CityTime {
  const text = cleanText(value);
  const m = DATE_TIME.exec(text);
  const expected = 'expected a date such as 2021-03-04 or 2021/3/4, or a time such as 2021-03-04 08:05:00 or 2021-03-04T08:05:00+08:00';
  if (!m) throw new InvalidValue(`${shown(text)} is not a date or time: ${expected}`);
  const [year, month, day] = [Number(m[1]), Number(m[3]), Number(m[4])];
  const [hour, minute, second] = [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0)];
  const millis = Number((m[8] ?? '').padEnd(3, '0').slice(0, 3));
  const asWritten = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  if (
    year < 1900 || year > 2100 ||
    asWritten.getUTCFullYear() !== year || asWritten.getUTCMonth() !== month - 1 || asWritten.getUTCDate() !== day ||
    hour > 23 || minute > 59 || second > 59
  ) {
    throw new InvalidValue(`${shown(text)} is not a real date and time between 1900 and 2100`);
  }
  // Shift the wall-clock time written in its own offset to the city's.
  const offset = m[9] ? offsetMinutes(m[9]) : CITY_OFFSET_MINUTES;
  const local = new Date(asWritten.getTime() + (CITY_OFFSET_MINUTES - offset) * 60_000);
  const dayText = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const ms = local.getUTCMilliseconds();
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${ms ? `.${pad(ms, 3)}` : ''}`;
  return { day: dayText, instant: `${dayText}T${time}+08:00` };
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/** A calendar day, `YYYY-MM-DD`; a timestamp gives its +08:00 day. */
export function parseDay(value: unknown): string {
  return parseCityTime(value).day;
}

/** An instant, `YYYY-MM-DDTHH:mm:ss[.sss]+08:00`; a bare date is that day's midnight. */
export function parseInstant(value: unknown): string {
  return parseCityTime(value).instant;
}

// ---------------------------------------------------------------------------------------------
// Field schemas built from the parsers above

/** A calendar day, `YYYY-MM-DD`, from any date or timestamp form parseCityTime reads. */
export const isoDay = () => normalisedField(parseDay);
/** An instant, `YYYY-MM-DDTHH:mm:ss[.sss]+08:00`. */
export const isoInstant = () => normalisedField(parseInstant);
/** A code cleaned and upper-cased that must match `pattern`; `what` says in words what it is. */
export const trimmedCode = (pattern: RegExp, what: string) => normalisedField((value) => parseCode(value, pattern, what));
/** A unified social credit code with a valid check character. */
export const creditCode = () => normalisedField(parseCreditCode);
/** A non-empty name or text of at most `max` characters, runs of spaces made one. */
export const textField = (max = 200) => normalisedField((value) => parseName(value, max));
/** A whole number ≥ `min`, from a number or CSV text. */
export const countField = (min = 0) => normalisedField((value) => parseCount(value, min));
/** An enum value from its own name or an upstream spelling (see parseEnum). */
export const labelledEnum = <const T extends string>(spellings: Readonly<Record<T, readonly string[]>>) =>
  normalisedField((value) => parseEnum(value, spellings));
