/**
 * The examples in docs/upstream-apis/service-items.md are what the platform is told to send, so
 * each of them must pass the importer's schema: the contract and the code cannot drift apart.
 * Example blocks are tagged with their resource (```json applications, ```csv catalogue-items).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reasonsFor } from '@govgraph/core/testing';
import { importResources } from './index.js';

const contract = readFileSync(new URL('../../../../docs/upstream-apis/service-items.md', import.meta.url), 'utf8');

interface Example {
  format: string;
  resource: string;
  body: string;
}

const examples: Example[] = [...contract.matchAll(/^```(json|ndjson|csv) ([a-z-]+)\n([\s\S]*?)^```$/gm)].map((m) => ({
  format: m[1]!,
  resource: m[2]!,
  body: m[3]!,
}));

function recordsOf(example: Example): unknown[] {
  switch (example.format) {
    case 'json':
      return (JSON.parse(example.body) as { items: unknown[] }).items;
    case 'ndjson':
      return example.body.trim().split('\n').map((line) => JSON.parse(line) as unknown);
    default: {
      // The examples need no quoting, which keeps this split honest; the runner reads real CSV.
      expect(example.body).not.toMatch(/"/);
      const [header, ...rows] = example.body.trim().split('\n');
      const names = header!.split(',');
      return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [names[i]!, cell])));
    }
  }
}

describe('the upstream contract’s examples', () => {
  it('cover every resource in every format the document describes', () => {
    const seen = new Set(examples.map((e) => `${e.format} ${e.resource}`));
    expect([...seen].sort()).toEqual(['csv applications', 'csv catalogue-items', 'json applications', 'json catalogue-items', 'ndjson applications']);
    expect(importResources.map((r) => r.name).sort()).toEqual(['applications', 'catalogue-items']);
  });

  it('pass the importers’ schemas, record by record', () => {
    for (const example of examples) {
      const resource = importResources.find((r) => r.name === example.resource);
      expect(resource, example.resource).toBeDefined();
      const records = recordsOf(example);
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) expect(reasonsFor(resource!, record), `${example.format} ${example.resource}`).toEqual([]);
    }
  });

  it('name the paths and paging the resources declare', () => {
    for (const resource of importResources) {
      expect(contract).toContain(`GET ${resource.restPath}`);
      expect(contract).toMatch(new RegExp(`\\| \`${resource.name}\` \\| \`GET ${resource.restPath}\` \\| ${resource.pagination === 'page' ? 'page \\+ pageSize' : 'cursor'} \\|`));
    }
  });
});
