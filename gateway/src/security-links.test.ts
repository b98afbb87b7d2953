import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERGRAPH_PATH } from './config.js';
import { withoutSecurityPurpose } from './security-links.js';
import { prepareSupergraph } from './supergraph-source.js';

const committed = readFileSync(DEFAULT_SUPERGRAPH_PATH, 'utf8');

describe('withoutSecurityPurpose', () => {
  it('is needed: the gateway refuses the committed supergraph as composed', () => {
    expect(committed).toMatch(/requiresScopes\/v0\.1", for: SECURITY/);
    expect(() => Supergraph.build(committed)).toThrow(/for: SECURITY but is unsupported/);
  });

  it('drops only the SECURITY purpose of the subgraph-enforced specs, and the gateway then loads it', () => {
    const prepared = prepareSupergraph(committed).supergraphSdl;
    expect(prepared).not.toMatch(/for: SECURITY/);
    expect(prepared).toMatch(/join\/v0\.\d", for: EXECUTION/);
    expect(prepared).toMatch(/@requiresScopes\(scopes: \[\["cloud:read"\]\]\)/);
    expect(() => Supergraph.build(prepared)).not.toThrow();
  });

  it('leaves other specs and documents without such links untouched', () => {
    const other = parse(`schema @link(url: "https://example.com/custom/v1.0", for: SECURITY) { query: Q } type Q { a: Int }`);
    expect(withoutSecurityPurpose(other)).toBe(other);
    const mixed = parse(`schema @link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY) { query: Q } type Q { a: Int }`);
    expect(print(withoutSecurityPurpose(mixed))).toContain('@link(url: "https://specs.apollo.dev/authenticated/v0.1")');
  });
});
