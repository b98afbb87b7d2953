import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkSchemas, main, parseAcknowledgements, SCHEMA_DIR, supergraphApiSchema } from './schema-check.js';

const subgraph = (extraFields: string) => /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])

  "A calendar date (日期)."
  scalar Date

  type Query {
    "Aggregates over the hotline's work orders (12345热线工单统计)."
    hotlineStatistics(from: Date!, to: Date!): HotlineStatistics!
  }

  "Work-order figures (工单统计)."
  type HotlineStatistics {
    "Work orders received (受理量)."
    received: Int!
    ${extraFields}
  }

  type Department @key(fields: "code") {
    code: ID!
  }
`;

/** Inserts `field` as the first field of `type` in an SDL (the real files, in a scratch copy). */
function withField(sdl: string, type: string, field: string): string {
  const marker = new RegExp(`(\\ntype ${type}\\b[^{]*\\{\\n)`);
  expect(sdl).toMatch(marker);
  return sdl.replace(marker, `$1  ${field}\n`);
}

describe('checkSchemas', () => {
  it('fails on a removed field', async () => {
    const result = await checkSchemas([
      { name: 'hotline', base: subgraph('"Replied (已回复)." replied: Int!'), current: subgraph('') },
    ]);
    expect(result.blocking.map((c) => c.id)).toEqual(['hotline:FIELD_REMOVED:HotlineStatistics.replied']);
    expect(result.blocking[0]!.severity).toBe('breaking');
    expect(result.blocking[0]!.message).toContain('replied');
  });

  it('passes an added optional field (safe) and an added optional argument (dangerous, not breaking)', async () => {
    const base = subgraph('');
    const current = subgraph('"Median hours to complete (办理时长中位数)." medianHandlingHours(round: Boolean): Float').replace(
      'hotlineStatistics(from: Date!, to: Date!)',
      'hotlineStatistics(from: Date!, to: Date!, regionCode: ID)',
    );
    const result = await checkSchemas([{ name: 'hotline', base, current }]);
    expect(result.blocking).toEqual([]);
    const severities = Object.fromEntries(result.changes.map((c) => [c.id, c.severity]));
    expect(severities).toMatchObject({
      'hotline:FIELD_ADDED:HotlineStatistics.medianHandlingHours': 'safe',
      // GraphQL Inspector: a new argument on an existing field may change what a query returns.
      'hotline:FIELD_ARGUMENT_ADDED:Query.hotlineStatistics.regionCode': 'dangerous',
    });
    expect(Object.values(severities)).not.toContain('breaking');
  });

  it('reports a changed entity key (federation directive) as a change', async () => {
    const base = subgraph('');
    const current = base.replace('Department @key(fields: "code")', 'Department @key(fields: "code name")');
    const result = await checkSchemas([{ name: 'hotline', base, current }]);
    expect(result.changes.length).toBeGreaterThan(0);
  });

  it('lets a breaking change through when acknowledged by id or by message, or with allowBreaking', async () => {
    const pair = { name: 'hotline', base: subgraph('replied: Int!'), current: subgraph('') };
    const first = await checkSchemas([pair]);
    const [change] = first.blocking;
    expect((await checkSchemas([pair], { acknowledgements: [change!.id] })).blocking).toEqual([]);
    expect((await checkSchemas([pair], { acknowledgements: [change!.message] })).blocking).toEqual([]);
    const allowed = await checkSchemas([pair], { allowBreaking: true });
    expect(allowed.blocking).toEqual([]);
    expect(allowed.changes.filter((c) => c.severity === 'breaking')).toHaveLength(1);
  });

  it('reports acknowledgements that match nothing', async () => {
    const same = subgraph('');
    const result = await checkSchemas([{ name: 'hotline', base: same, current: same }], {
      acknowledgements: ['hotline:FIELD_REMOVED:Gone.field'],
    });
    expect(result.changes).toEqual([]);
    expect(result.unusedAcknowledgements).toEqual(['hotline:FIELD_REMOVED:Gone.field']);
  });

  it('treats a removed subgraph file as breaking and a new one as additions', async () => {
    const removed = await checkSchemas([{ name: 'cloud', base: subgraph(''), current: undefined }]);
    expect(removed.blocking.map((c) => c.id)).toEqual(['cloud:SCHEMA_REMOVED']);
    const added = await checkSchemas([{ name: 'archives', base: undefined, current: subgraph('') }]);
    expect(added.blocking).toEqual([]);
    expect(added.changes.every((c) => c.severity === 'safe')).toBe(true);
  });
});

describe('the supergraph', () => {
  const supergraph = readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');

  it('is compared as its API schema: no join__ or link__ machinery', () => {
    const typeNames = Object.keys(supergraphApiSchema(supergraph).getTypeMap());
    expect(typeNames.some((name) => /^(join|link)__/.test(name))).toBe(false);
    expect(typeNames).toContain('Department');
  });

  it('shows no change against itself, and a removed field as breaking', async () => {
    expect((await checkSchemas([{ name: 'supergraph', base: supergraph, current: supergraph }])).changes).toEqual([]);
    const base = withField(supergraph, 'HotlineStatistics', '"Calls put on hold (挂起)." onHold: Int');
    const result = await checkSchemas([{ name: 'supergraph', base, current: supergraph }]);
    expect(result.blocking.map((c) => c.id)).toEqual(['supergraph:FIELD_REMOVED:HotlineStatistics.onHold']);
  });
});

describe('npm run schema:check', () => {
  let dir: string;
  let output: string[];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'schema-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  function captureOutput(): void {
    output = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void output.push(args.join(' ')));
  }

  /** A base directory: a copy of schema/ with `edit` applied to one file. */
  function baseDir(name: string, file: string, edit: (sdl: string) => string): string {
    const base = path.join(dir, name);
    cpSync(SCHEMA_DIR, base, { recursive: true });
    writeFileSync(path.join(base, file), edit(readFileSync(path.join(base, file), 'utf8')));
    return base;
  }

  it('exits 1 and names the change when the branch removed a field (base has it, schema/ does not)', async () => {
    captureOutput();
    const base = baseDir('removed', 'hotline.graphql', (sdl) => withField(sdl, 'HotlineStatistics', 'onHold: Int'));
    expect(await main(['--base', base])).toBe(1);
    const report = output.join('\n');
    expect(report).toContain('hotline (subgraph SDL): 1 breaking');
    expect(report).toContain('[hotline:FIELD_REMOVED:HotlineStatistics.onHold]');
    expect(report).toContain('FAILED');
  });

  it('exits 0 when the branch added an optional field (schema/ has it, base does not)', async () => {
    captureOutput();
    const base = baseDir('added', 'hotline.graphql', (sdl) => sdl.replace(/\n  """[^"]*"""\n  medianHandlingHours: Float\n/, '\n'));
    expect(readFileSync(path.join(base, 'hotline.graphql'), 'utf8')).not.toContain('medianHandlingHours');
    expect(await main(['--base', base])).toBe(0);
    const report = output.join('\n');
    expect(report).toMatch(/hotline \(subgraph SDL\): 0 breaking, 0 dangerous, [1-9]\d* safe/);
    expect(report).toContain('OK: no breaking changes.');
  });

  it('exits 0 on an acknowledged breaking change, and with --allow-breaking', async () => {
    const base = path.join(dir, 'removed');
    const ack = path.join(dir, 'schema-check.ack');
    writeFileSync(ack, '# agreed with the report team\nhotline:FIELD_REMOVED:HotlineStatistics.onHold\n');
    captureOutput();
    expect(await main(['--base', base, '--ack', ack])).toBe(0);
    expect(output.join('\n')).toContain('(acknowledged)');
    captureOutput();
    expect(await main(['--base', base, '--allow-breaking'])).toBe(0);
  });

  it('compares one file given as --base with the schema file of the same name', async () => {
    captureOutput();
    const file = path.join(dir, 'removed', 'hotline.graphql');
    expect(await main(['--base', file])).toBe(1);
    expect(output.join('\n')).not.toContain('supergraph (API schema)');
  });

  it('exits 2 on a usage error', async () => {
    captureOutput();
    expect(await main(['--base', path.join(dir, 'nope')])).toBe(2);
    expect(await main(['--bogus'])).toBe(2);
  });
});

describe('parseAcknowledgements', () => {
  it('skips comments and blank lines', () => {
    expect(parseAcknowledgements('# why\n\n  a:B:C.d  \r\nField x was removed\n')).toEqual(['a:B:C.d', 'Field x was removed']);
  });
});
