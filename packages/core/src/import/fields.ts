/**
 * Field schemas for upstream records, shared by every subgraph's importers. A record arrives as a
 * JSON object (REST, NDJSON) or as a CSV row whose every value is a string, so each field accepts
 * both spellings (`20` and `"20"`, `true` and `"是"`) and normalises to one stored form. A failed
 * field says what it expected and what it got; zod adds the field's name (the issue's path).
 *
 * Times follow one rule, because stored instants are compared as text (versions, periods):
 *   - an instant is stored as `YYYY-MM-DDTHH:MM:SS+08:00` (`.sss` before the offset only when the
 *     milliseconds are not zero), the city's local time, as the seed writes it;
 *   - a time written without an offset (`2021-03-04 08:05:00`) is already local (UTC+08:00,
 *     China has no daylight saving), so the wall-clock value is kept;
 *   - a time with an offset (`Z`, `+00:00`, `+0800`, `-05`) is the same instant moved to +08:00;
 *   - a day alone (`2021-03-04`, `2021/3/4`, `2021.3.4`, `2021年3月4日`, `20210304`) is local
 *     midnight;
 *   - 10 or 13 digits (a JSON number or a string) are Unix epoch seconds or milliseconds;
 *   - a day field keeps the local calendar day of whatever instant it is given.
 */
import { z } from 'zod';
import { isValidUscc, usccCheckCharacter } from '../uscc.js';

/** Empty CSV cells, JSON nulls and missing keys all mean "no value". */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Thrown by a field parser; turned into a zod issue on the field. */
class InvalidField extends Error {}

function quoted(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/**
 * A required field whose value `parse` turns into its stored form, or rejects by throwing
 * InvalidField with the reason.
 */
function field<T>(parse: (value: unknown) => T): z.ZodType<T> {
  return z.unknown().transform((value, ctx) => {
    if (isBlank(value)) {
      ctx.issues.push({ code: 'custom', message: 'is required', input: value });
      return z.NEVER;
    }
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof InvalidField)) throw error;
      ctx.issues.push({ code: 'custom', message: error.message, input: value });
      return z.NEVER;
    }
  });
}

/** The same field, allowed to be blank (stored as null). */
export function optional<T>(schema: z.ZodType<T>): z.ZodType<T | null> {
  return z.preprocess((value) => (isBlank(value) ? null : value), schema.nullable());
}

function asText(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new InvalidField(`must be ${what}, got ${quoted(value)}`);
}

/** Free text (a name, a title): trimmed, Unicode NFC, at most `max` characters. */
export function text(max = 500): z.ZodType<string> {
  return field((value) => {
    const result = asText(value, 'text').normalize('NFC').trim();
    if (result.length > max) throw new InvalidField(`must be at most ${max} characters, got ${result.length}`);
    return result;
  });
}

/**
 * Codes are typed by people and exported by spreadsheets: full-width characters (ＸＫ０１) become
 * ASCII (NFKC), surrounding spaces go, letters are upper-cased.
 */
export function normaliseCode(raw: string): string {
  return raw.normalize('NFKC').trim().toUpperCase();
}

/** An identifier of the upstream system (an item code, an application number), e.g. `trimmedCode(/^\d{9}$/, 'a township code')`. */
export function trimmedCode(pattern: RegExp, what: string): z.ZodType<string> {
  return field((value) => {
    const result = normaliseCode(asText(value, what));
    if (!pattern.test(result)) throw new InvalidField(`must be ${what}, got ${quoted(value)}`);
    return result;
  });
}

/** Why a (normalised) unified social credit code is not one, or null when it is valid. */
export function creditCodeProblem(normalised: string): string | null {
  if (normalised.length !== 18) return `must be an 18-character unified social credit code, got ${normalised.length} characters`;
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(normalised)) {
    return 'is not a unified social credit code: characters 3-8 are digits and I, O, S, V, Z never occur';
  }
  if (!isValidUscc(normalised)) {
    return `has a wrong check character: ${normalised[17]} where ${usccCheckCharacter(normalised.slice(0, 17))} is due`;
  }
  return null;
}

/** A department's unified social credit code (统一社会信用代码, GB 32100): 18 characters, check character verified. */
export function creditCode(): z.ZodType<string> {
  return field((value) => {
    const result = normaliseCode(asText(value, 'a unified social credit code'));
    const problem = creditCodeProblem(result);
    if (problem) throw new InvalidField(`${problem} (${quoted(value)})`);
    return result;
  });
}

/**
 * An administrative division code (行政区划代码): 6 digits for a city or county, 9 for a township,
 * 12 for a village, each extending its parent's code. Whether the division exists (and so its
 * parent) is a reference check against the subgraph's own regions.
 */
export function regionCode(): z.ZodType<string> {
  return field((value) => {
    const result = normaliseCode(asText(value, 'an administrative division code'));
    if (!/^\d{6}(?:\d{3}){0,2}$/.test(result)) {
      throw new InvalidField(`must be an administrative division code of 6, 9 or 12 digits, got ${quoted(value)}`);
    }
    if (result.length > 6 && result.endsWith('000')) {
      throw new InvalidField(`is not a division code: a township or village serial is never 000 (${quoted(value)})`);
    }
    return result;
  });
}

/** A whole number, from a JSON number or a string of digits. */
export function integer(options: { min?: number; max?: number } = {}): z.ZodType<number> {
  const min = options.min ?? 0;
  const max = options.max ?? Number.MAX_SAFE_INTEGER;
  return field((value) => {
    const raw = typeof value === 'string' ? value.trim() : value;
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidField(`must be a whole number from ${min} to ${max}, got ${quoted(value)}`);
    }
    return n;
  });
}

const TRUE_WORDS = new Set(['1', 'TRUE', 'T', 'YES', 'Y', '是', '有']);
const FALSE_WORDS = new Set(['0', 'FALSE', 'F', 'NO', 'N', '否', '无']);

/** A yes/no flag: true/false, 1/0, yes/no, Y/N, 是/否. */
export function flag(): z.ZodType<boolean> {
  return field((value) => {
    if (typeof value === 'boolean') return value;
    const word = normaliseCode(asText(value, 'true or false'));
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    throw new InvalidField(`must be true or false (1/0, 是/否), got ${quoted(value)}`);
  });
}

/**
 * An enumeration spelt the upstream's way: `labelled({ HALL: ['窗口', '大厅'], ONLINE: ['网上'] })`
 * reads `hall`, `HALL`, `窗口` and `大厅` as HALL (labels compared after NFKC, trimming and
 * upper-casing, so full-width forms match too).
 */
export function labelled<const T extends string>(labels: Readonly<Record<T, readonly string[]>>): z.ZodType<T> {
  const lookup = new Map<string, T>();
  for (const [stored, spellings] of Object.entries(labels) as [T, readonly string[]][]) {
    lookup.set(normaliseCode(stored), stored);
    for (const spelling of spellings) lookup.set(normaliseCode(spelling), stored);
  }
  const allowed = Object.keys(labels).join(', ');
  return field((value) => {
    const found = lookup.get(normaliseCode(asText(value, `one of ${allowed}`)));
    if (found === undefined) throw new InvalidField(`must be one of ${allowed} (or their upstream labels), got ${quoted(value)}`);
    return found;
  });
}

// ---------------------------------------------------------------------------------------------
// Days and instants

const LOCAL_OFFSET_MINUTES = 8 * 60;
const DAY_PART = String.raw`(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))`;
const TIME_PART = String.raw`(?:[T\s]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const DATE_TIME = new RegExp(`^${DAY_PART}${TIME_PART}$`, 'i');

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function offsetMinutes(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return offset.startsWith('-') ? -minutes : minutes;
}

function formatLocal(utcMs: number): string {
  const local = new Date(utcMs + LOCAL_OFFSET_MINUTES * 60_000);
  const ms = local.getUTCMilliseconds();
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${ms === 0 ? '' : `.${pad(ms, 3)}`}+08:00`
  );
}

/**
 * The instant an upstream value names, as `YYYY-MM-DDTHH:MM:SS[.sss]+08:00` (the rule is in the
 * module comment), or null when the value is not a time this module reads.
 */
export function toLocalInstant(value: unknown): string | null {
  let raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.normalize('NFKC').trim() : null;
  if (raw === null) return null;
  if (/^\d{10}$|^\d{13}$/.test(raw)) {
    const ms = raw.length === 10 ? Number(raw) * 1000 : Number(raw);
    return formatLocal(ms);
  }
  raw = raw.replace(/\s+/g, ' ');
  const m = DATE_TIME.exec(raw);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[3] ?? m[5] ?? m[7]);
  const day = Number(m[4] ?? m[6] ?? m[8]);
  const [hour, minute, second] = [Number(m[9] ?? 0), Number(m[10] ?? 0), Number(m[11] ?? 0)];
  const millis = m[12] ? Number(m[12].padEnd(3, '0').slice(0, 3)) : 0;
  if (year < 1900 || year > 2099 || hour > 23 || minute > 59 || second > 59) return null;
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(wallClock);
  // Date.UTC rolls 2021-02-30 over to March; a real calendar day survives the round trip.
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const offset = m[13] ? offsetMinutes(m[13]) : LOCAL_OFFSET_MINUTES;
  if (Math.abs(offset) > 14 * 60) return null;
  return formatLocal(wallClock - offset * 60_000);
}

const TIME_FORMS = 'a date or time such as 2021-03-04, 2021/3/4, 2021-03-04 08:05:00 or 2021-03-04T08:05:00+08:00';

/** An instant, stored as local ISO text with +08:00. */
export function isoInstant(): z.ZodType<string> {
  return field((value) => {
    const result = toLocalInstant(value);
    if (result === null) throw new InvalidField(`must be ${TIME_FORMS}, got ${quoted(value)}`);
    return result;
  });
}

/** A calendar day, stored as `YYYY-MM-DD` (the local day of an instant given with a time). */
export function isoDay(): z.ZodType<string> {
  return field((value) => {
    const result = toLocalInstant(value);
    if (result === null) throw new InvalidField(`must be ${TIME_FORMS}, got ${quoted(value)}`);
    return result.slice(0, 10);
  });
}
