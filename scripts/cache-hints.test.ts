// The cache policy written in the subgraph SDLs, checked so that a new type or a new protected
// field cannot arrive without a deliberate decision (README, "Caching"):
// - every object type says how long it may be cached (a missing hint would silently mean "never",
//   which is safe but easy to miss, or a reviewer might add a generous default later);
// - anything behind a scope is PRIVATE (per user) or never cached, so a shared cache entry cannot
//   hold it;
// - work orders and callers' personal data are never cached.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kind, parse, type ConstDirectiveNode, type ObjectTypeDefinitionNode } from 'graphql';
import { subgraphSdlFiles } from './description-coverage.js';

interface Hint {
  maxAge?: number;
  scope?: string;
}

function hintOf(directives: readonly ConstDirectiveNode[] | undefined): Hint | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive) return undefined;
  const hint: Hint = {};
  for (const argument of directive.arguments ?? []) {
    if (argument.name.value === 'maxAge' && argument.value.kind === Kind.INT) hint.maxAge = Number(argument.value.value);
    if (argument.name.value === 'scope' && argument.value.kind === Kind.ENUM) hint.scope = argument.value.value;
  }
  return hint;
}

const hasRequiresScopes = (directives: readonly ConstDirectiveNode[] | undefined) =>
  directives?.some((d) => d.name.value === 'requiresScopes' || d.name.value === 'authenticated') ?? false;

const neverCached = (hint: Hint | undefined) => hint?.maxAge === 0;

const files = subgraphSdlFiles();

describe.each(files.map((file) => ({ file, name: path.basename(file) })))('cache hints in $name', ({ file }) => {
  const types = parse(readFileSync(file, 'utf8')).definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value !== 'Query',
  );

  it('declares @cacheControl as Apollo documents it', () => {
    const sdl = readFileSync(file, 'utf8');
    expect(sdl).toMatch(/directive @cacheControl\(\s*(""".*"""\s*)?maxAge: Int/s);
    expect(sdl).toMatch(/enum CacheControlScope \{/);
  });

  it('gives every object type a hint', () => {
    expect(types.filter((type) => !hintOf(type.directives)).map((type) => type.name.value)).toEqual([]);
  });

  it('keeps what a scope protects out of shared entries', () => {
    const offenders: string[] = [];
    const query = parse(readFileSync(file, 'utf8')).definitions.find(
      (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Query',
    );
    for (const type of [...types, ...(query ? [query] : [])]) {
      for (const field of type.fields ?? []) {
        if (!hasRequiresScopes(field.directives)) continue;
        const hint = hintOf(field.directives);
        if (!(neverCached(hint) || hint?.scope === 'PRIVATE')) offenders.push(`${type.name.value}.${field.name.value}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('never caches work orders or callers', () => {
    for (const type of types.filter((t) => t.name.value.startsWith('WorkOrder'))) {
      expect(neverCached(hintOf(type.directives)), type.name.value).toBe(true);
    }
    for (const type of types) {
      for (const field of (type.fields ?? []).filter((f) => /^caller/i.test(f.name.value))) {
        expect(neverCached(hintOf(field.directives)), `${type.name.value}.${field.name.value}`).toBe(true);
      }
    }
  });
});
