import { sql, type RawBuilder } from 'kysely';
import { badUserInput } from './errors.js';
import type { Dialect } from './database.js';
import { directory } from './directory.js';

/**
 * Argument checks shared by every subgraph. Codes are checked against the shared directory, the
 * one registry of department, region and item codes, so a mistyped code is a clear
 * BAD_USER_INPUT rather than a silently empty answer.
 */
export function assertDepartmentCode(code: string, argument = 'departmentCode'): string {
  if (!directory().departmentByCode.has(code)) {
    throw badUserInput(`${argument}: no department has the credit code ${JSON.stringify(code)}`, argument);
  }
  return code;
}

export function assertRegionCode(code: string, argument = 'regionCode'): string {
  if (!directory().regionByCode.has(code)) {
    throw badUserInput(`${argument}: no administrative division has the code ${JSON.stringify(code)}`, argument);
  }
  return code;
}

export function assertItemCode(code: string, argument = 'itemCode'): string {
  if (!directory().itemByCode.has(code)) {
    throw badUserInput(`${argument}: no service item has the code ${JSON.stringify(code)}`, argument);
  }
  return code;
}

export const MAX_SEARCH_LENGTH = 100;

/**
 * A `LIKE '%text%'` condition that matches `text` literally: % and _ typed by a user are data,
 * not wildcards. Values are bound parameters, never spliced into SQL.
 */
export function containsText(dialect: Dialect, column: string, text: string, argument = 'nameContains'): RawBuilder<boolean> {
  if (text.length > MAX_SEARCH_LENGTH) {
    throw badUserInput(`${argument} is at most ${MAX_SEARCH_LENGTH} characters, got ${text.length}`, argument);
  }
  // No name holds a NUL, and SQLite's LIKE would stop reading the pattern at it (`%\0%` became
  // `%`, matching every row); PostgreSQL refuses NUL in text outright.
  if (text.includes('\u0000')) return sql<boolean>`1 = 0`;
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  // SQLite's LIKE ignores the case of ASCII letters; PostgreSQL's ILIKE does the same there (`pdf`
  // finds `PDF`). lower() on both sides would work on both but costs SQLite ~45% more per search.
  const like = dialect === 'postgres' ? sql`ilike` : sql`like`;
  return sql<boolean>`${sql.ref(column)} ${like} ${`%${escaped}%`} escape '\\'`;
}
