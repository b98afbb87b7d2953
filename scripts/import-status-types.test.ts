// The import status types (ImportStatus, ImportRun, QuarantinedRecord, …) are @shareable value
// types that every importing subgraph declares in its own SDL and core's importAdminResolvers
// serves. Composition accepts copies that differ in descriptions or cache hints, and the gateway
// would then answer with whichever copy it planned from; so the copies must stay identical.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kind, parse, print, type DefinitionNode } from 'graphql';
import { subgraphSdlFiles } from './description-coverage.js';
import { IMPORTABLE_SUBGRAPHS } from './import-subgraphs.js';

const IMPORT_TYPES = new Set([
  'ImportStatus',
  'ImportResourceStatus',
  'ImportRun',
  'ImportRunStatus',
  'QuarantinedRecord',
  'QuarantineStatus',
  'QuarantineFilter',
  'QuarantinedRecordConnection',
  'QuarantinedRecordEdge',
  'QuarantineRetryResult',
]);

/** The import status types of one SDL, printed with their descriptions and directives. */
function importTypesOf(file: string): string[] {
  const named = (d: DefinitionNode): d is DefinitionNode & { name: { value: string } } => 'name' in d && d.name !== undefined;
  return parse(readFileSync(file, 'utf8'))
    .definitions.filter((d) => d.kind !== Kind.SCHEMA_EXTENSION && named(d) && IMPORT_TYPES.has(d.name.value))
    .map((d) => print(d));
}

describe('the import status types', () => {
  const files = subgraphSdlFiles();

  it('are declared by every subgraph that imports', () => {
    const declaring = files.filter((file) => importTypesOf(file).length > 0).map((file) => path.basename(file, '.graphql'));
    expect(declaring.sort()).toEqual(Object.keys(IMPORTABLE_SUBGRAPHS).sort());
  });

  it('are the same in every SDL, descriptions and hints included', () => {
    const [first, ...others] = files.map((file) => ({ file: path.basename(file), types: importTypesOf(file) }));
    expect(first!.types).toHaveLength(IMPORT_TYPES.size);
    for (const other of others) expect(other.types, other.file).toEqual(first!.types);
  });
});
