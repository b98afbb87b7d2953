import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@govgraph/core';
import { requestBody, SCENARIO_NAMES, SCENARIOS } from './scenarios.js';

// The operations must stay valid as the schema evolves; a broken one would only show at bench time.
const supergraph = buildSchema(readFileSync(path.join(REPO_ROOT, 'schema/supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
const hotline = readFileSync(path.join(REPO_ROOT, 'schema/hotline.graphql'), 'utf8');

describe('benchmark operations', () => {
  it.each(SCENARIO_NAMES)('%s is valid against the supergraph and sends its variables', (name) => {
    const body = JSON.parse(requestBody(SCENARIOS[name])) as { query: string; variables: Record<string, unknown> };
    expect(validate(supergraph, parse(body.query))).toEqual([]);
    expect(body.variables).toEqual(SCENARIOS[name].variables);
  });

  it('asks the hotline subgraph directly only for what the hotline subgraph itself defines', () => {
    const { query } = JSON.parse(requestBody(SCENARIOS.direct)) as { query: string };
    expect(hotline).toContain('hotlineStatistics(');
    expect(query).toBe(JSON.parse(requestBody(SCENARIOS.single)).query);
  });
});
