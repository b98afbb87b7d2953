import { GraphQLScalarType, Kind } from 'graphql';
import { badUserInput } from './errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar day written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badUserInput(`Date must be a calendar day written YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Dates travel as ISO strings end to end: no JS Date, so no time zone can shift a day. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date in ISO 8601 form, `YYYY-MM-DD`.',
  serialize: (value) => {
    if (typeof value === 'string') return value.slice(0, 10);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new TypeError(`cannot serialize ${String(value)} as Date`);
  },
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badUserInput('Date must be a string written YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

/** Instants are stored as ISO strings with a +08:00 offset, the city's local time. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in ISO 8601 form with a UTC offset.',
  serialize: (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Date) return value.toISOString();
    throw new TypeError(`cannot serialize ${String(value)} as DateTime`);
  },
  parseValue: (value) => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw badUserInput(`DateTime must be an ISO 8601 instant, got ${JSON.stringify(value)}`);
    }
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || Number.isNaN(Date.parse(ast.value))) {
      throw badUserInput('DateTime must be an ISO 8601 instant');
    }
    return ast.value;
  },
});

export interface DateRange {
  from: string;
  to: string;
}

/** Checks an inclusive day range; a reversed range is a caller error, not an empty answer. */
export function assertDateRange(from: string, to: string): DateRange {
  if (!isIsoDate(from)) throw badUserInput(`from must be YYYY-MM-DD, got ${JSON.stringify(from)}`, 'from');
  if (!isIsoDate(to)) throw badUserInput(`to must be YYYY-MM-DD, got ${JSON.stringify(to)}`, 'to');
  if (from > to) throw badUserInput(`from (${from}) is after to (${to})`, 'from');
  return { from, to };
}

/** The exclusive upper bound for timestamps stored as ISO text: the day after `to`. */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export type Granularity = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR';

export interface Period {
  period: string;
  from: string;
  to: string;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The label of the period that holds `day` (`2021`, `2021-Q1`, `2021-03`, `2021-03-01`). */
export function periodOf(day: string, granularity: Granularity): string {
  const year = day.slice(0, 4);
  switch (granularity) {
    case 'DAY':
      return day.slice(0, 10);
    case 'MONTH':
      return day.slice(0, 7);
    case 'QUARTER':
      return `${year}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    case 'YEAR':
      return year;
  }
}

/**
 * Every period of a granularity that overlaps [from, to], clipped to the range, so that the
 * first and last periods of a trend never claim days outside what was asked for.
 */
export function periodsBetween(from: string, to: string, granularity: Granularity): Period[] {
  const out: Period[] = [];
  let cursor = from;
  while (cursor <= to) {
    const y = Number(cursor.slice(0, 4));
    const m = Number(cursor.slice(5, 7));
    let end: string;
    switch (granularity) {
      case 'DAY':
        end = cursor;
        break;
      case 'MONTH':
        end = `${cursor.slice(0, 7)}-${String(lastDayOfMonth(y, m)).padStart(2, '0')}`;
        break;
      case 'QUARTER': {
        const qEnd = Math.ceil(m / 3) * 3;
        end = `${y}-${String(qEnd).padStart(2, '0')}-${String(lastDayOfMonth(y, qEnd)).padStart(2, '0')}`;
        break;
      }
      case 'YEAR':
        end = `${y}-12-31`;
        break;
    }
    const clipped = end < to ? end : to;
    out.push({ period: periodOf(cursor, granularity), from: cursor, to: clipped });
    cursor = dayAfter(clipped);
  }
  return out;
}

/** Caps how many periods one trend may return, so a DAY trend over decades cannot flood a client. */
export function assertPeriodCount(from: string, to: string, granularity: Granularity, max = 3660): void {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
  if (granularity === 'DAY' && days > max) {
    throw badUserInput(`a DAY trend covers at most ${max} days; this one covers ${days}`, 'granularity');
  }
}
