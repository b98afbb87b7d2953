/**
 * No orphan codes: every department, region and service item that the certificates, cloud and
 * hotline databases reference resolves through the gateway to an entity of the catalogue.
 * The referenced codes are read straight from each subgraph's database (any column named
 * department_code, region_code, county_code, township_code or item_code), then resolved in
 * batches of aliased lookups.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { dataDir } from '@govgraph/core';
import { DEFAULT_OPERATION_LIMITS } from '@govgraph/gateway';
import { postGraphQL } from './harness/graphql.js';

const REFERENCE_COLUMNS: Record<string, 'department' | 'region' | 'serviceItem'> = {
  department_code: 'department',
  region_code: 'region',
  county_code: 'region',
  township_code: 'region',
  item_code: 'serviceItem',
};

function referencedCodes(subgraph: string): Record<'department' | 'region' | 'serviceItem', Set<string>> {
  const db = new Database(path.join(dataDir(), `${subgraph}.sqlite`), { readonly: true, fileMustExist: true });
  const found = { department: new Set<string>(), region: new Set<string>(), serviceItem: new Set<string>() };
  try {
    const tables = db
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`)
      .all() as { name: string }[];
    for (const { name: table } of tables) {
      const columns = db.prepare(`select name from pragma_table_info(?)`).all(table) as { name: string }[];
      for (const { name: column } of columns) {
        const kind = REFERENCE_COLUMNS[column];
        if (!kind) continue;
        const rows = db.prepare(`select distinct "${column}" as code from "${table}" where "${column}" is not null`).all() as { code: string }[];
        for (const row of rows) found[kind].add(row.code);
      }
    }
  } finally {
    db.close();
  }
  return found;
}

async function unresolved(kind: 'department' | 'region' | 'serviceItem', codes: string[]): Promise<string[]> {
  const missing: string[] = [];
  // As many lookups per request as the gateway's alias limit allows.
  const perRequest = DEFAULT_OPERATION_LIMITS.maxAliases;
  for (let i = 0; i < codes.length; i += perRequest) {
    const chunk = codes.slice(i, i + perRequest);
    const query = `{ ${chunk.map((code, j) => `r${j}: ${kind}(code: ${JSON.stringify(code)}) { code name }`).join(' ')} }`;
    const { body } = await postGraphQL(inject('gatewayUrl'), query);
    expect(body.errors).toBeUndefined();
    chunk.forEach((code, j) => {
      const entity = body.data[`r${j}`];
      if (!entity || entity.code !== code || !entity.name) missing.push(code);
    });
  }
  return missing;
}

describe.each(['certificates', 'cloud', 'hotline'])('references held by %s', (subgraph) => {
  const codes = referencedCodes(subgraph);

  it.each(['department', 'region', 'serviceItem'] as const)('every %s code resolves', async (kind) => {
    const list = [...codes[kind]].sort();
    expect(await unresolved(kind, list)).toEqual([]);
  });

  it('references something', () => {
    expect(codes.department.size).toBeGreaterThan(0);
  });
});
