// The explorer's example tabs (app/examples.ts) must stay valid against the committed supergraph:
// a schema change that breaks one of them fails here, not in front of a visitor.
import { readFileSync } from 'node:fs';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, getVariableValues, parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
// A relative import, not the package: the gateway depends on the explorer, not the other way.
import { withoutSecurityPurpose } from '../../gateway/src/security-links.js';

const read = (relative: string) => readFileSync(new URL(relative, import.meta.url), 'utf8');

// Through SDL text: federation-internals is CommonJS and holds its own `graphql` instance, whose
// schema objects this (ESM) `graphql` would refuse as coming from another realm.
// The `for: SECURITY` links of the subgraph-enforced authorization specs are dropped first, as the
// gateway does before loading it (gateway/src/security-links.ts).
const loadable = print(withoutSecurityPurpose(parse(read('../../schema/supergraph.graphql'))));
const apiSchema = buildSchema(printSchema(Supergraph.build(loadable).apiSchema()));

const EXAMPLES = [
  ['department scorecard', '../app/operations/department-scorecard.graphql', '../app/operations/department-scorecard.variables.json'],
  ['hotline trend by county', '../app/operations/hotline-trend-by-county.graphql', '../app/operations/hotline-trend-by-county.variables.json'],
  ['service item search', '../app/operations/service-item-search.graphql', '../app/operations/service-item-search.variables.json'],
  ['annual figures', '../../test/operations/annual-figures.graphql', '../app/operations/annual-figures.variables.json'],
] as const;

describe.each(EXAMPLES)('the %s example', (_name, operationFile, variablesFile) => {
  const document = parse(read(operationFile));

  it('is one named operation, valid against the supergraph API schema', () => {
    expect(validate(apiSchema, document).map((e) => e.message)).toEqual([]);
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    expect(operations).toHaveLength(1);
    expect(operations[0]!.name?.value).toBeTruthy();
  });

  it('has variables that fit its variable definitions', () => {
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    const variables = JSON.parse(read(variablesFile)) as Record<string, unknown>;
    const coerced = getVariableValues(apiSchema, operation.variableDefinitions ?? [], variables);
    expect(coerced.errors?.map((e) => e.message) ?? []).toEqual([]);
    const declared = new Set((operation.variableDefinitions ?? []).map((v) => v.variable.name.value));
    for (const name of Object.keys(variables)) expect(declared.has(name), `$${name} is not declared`).toBe(true);
  });
});

describe('app/examples.ts', () => {
  it('opens a tab for every example, the cross-domain scorecard first', () => {
    const source = read('../app/examples.ts');
    for (const [, operationFile] of EXAMPLES) {
      const name = operationFile.split('/').pop()!;
      expect(source, name).toContain(name);
    }
    expect(source.indexOf('tab(departmentScorecard')).toBeLessThan(source.indexOf('tab(hotlineTrend'));
  });
});
