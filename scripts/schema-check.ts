/**
 * `npm run schema:check`: what the schema changes on this branch do to the graph's clients.
 *
 * Compares `schema/supergraph.graphql` and every `schema/<subgraph>.graphql` with the version on
 * the main branch (`git show main:<path>`, or `HEAD` where there is no `main`), prints breaking,
 * dangerous and safe changes (GraphQL Inspector's classification), and exits 1 when a breaking
 * change is not acknowledged.
 *
 * - The supergraph is compared as its **API schema** (what clients of the gateway can query:
 *   `join__*`/`link__*` machinery and `@inaccessible` elements removed), so that a change in how
 *   the graph is planned does not pass for a change in what it offers.
 * - Each subgraph SDL is compared as written (less its `extend schema @link(...)`), because the
 *   gateway is that subgraph's client: a field dropped from one subgraph breaks the query plans
 *   that use it even when another subgraph still provides the field to the API schema, and a
 *   changed `@key` shows up here as a directive change.
 *
 * Acknowledging a breaking change (after agreeing it with the graph's clients):
 * - `--allow-breaking` lets every breaking change through (prints them all the same); or
 * - a line in the acknowledgement file (`schema-check.ack` at the repository root, or `--ack FILE`)
 *   holding the change's id as printed in brackets, e.g.
 *   `hotline:FIELD_REMOVED:HotlineStatistics.medianHandlingHours`, or its exact message. Lines
 *   starting with `#` are comments. Once main has the change, the line matches nothing and is
 *   reported as unused, to be deleted.
 *
 * Options: `--ref REF` compare with another git ref instead of main (e.g. `origin/main`);
 * `--base FILE_OR_DIR` compare with files instead of git: a directory holding
 * `supergraph.graphql` and `<subgraph>.graphql` files, or one `.graphql` file compared with the
 * file of the same name in `schema/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { printSchema as printFederationSchema, Supergraph } from '@apollo/federation-internals';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildASTSchema, Kind, parse, print, type DocumentNode, type GraphQLSchema } from 'graphql';
import { withoutSecurityPurpose } from '../gateway/src/security-links.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCHEMA_DIR = path.join(ROOT, 'schema');
export const DEFAULT_ACK_FILE = path.join(ROOT, 'schema-check.ack');
export const SUPERGRAPH = 'supergraph';

export type Severity = 'breaking' | 'dangerous' | 'safe';

/** One SDL file as it is now and as it was on the base; `undefined` where the file is absent. */
export interface SchemaPair {
  /** `supergraph` or the subgraph's name (its file name without `.graphql`). */
  name: string;
  current: string | undefined;
  base: string | undefined;
}

export interface ReportedChange {
  /** `<schema>:<CHANGE_TYPE>:<path>`: stable across runs, for the acknowledgement file. */
  id: string;
  schema: string;
  severity: Severity;
  type: string;
  message: string;
  reason: string | undefined;
  acknowledged: boolean;
}

export interface CheckResult {
  changes: ReportedChange[];
  /** Breaking changes neither acknowledged nor allowed: the command fails when there is one. */
  blocking: ReportedChange[];
  /** Acknowledgements that matched no change. */
  unusedAcknowledgements: string[];
}

/** The API schema of a supergraph: what a client of the gateway sees. */
export function supergraphApiSchema(sdl: string): GraphQLSchema {
  // Through SDL text: federation-internals (CommonJS) carries its own `graphql` instance, whose
  // objects the ESM `graphql` that GraphQL Inspector uses would reject as from another realm.
  // Through the gateway's own copy: the `for: SECURITY` links of the subgraph-enforced
  // authorization specs are dropped, as the gateway drops them (see gateway/src/security-links.ts).
  const loadable = print(withoutSecurityPurpose(parse(sdl)));
  return buildASTSchema(parse(printFederationSchema(Supergraph.build(loadable).apiSchema())));
}

/**
 * A subgraph SDL as a schema. Federation directives stay on the elements that use them (so a
 * changed `@key` is a change) but need no definitions, since the SDL is not validated here:
 * composition (`npm run compose`) does that.
 */
export function subgraphSchema(sdl: string): GraphQLSchema {
  const document = parse(sdl);
  const withoutLinks: DocumentNode = {
    ...document,
    definitions: document.definitions.filter(
      (d) => d.kind !== Kind.SCHEMA_EXTENSION && !(d.kind === Kind.DIRECTIVE_DEFINITION && /^(link|federation)__/.test(d.name.value)),
    ),
  };
  return buildASTSchema(withoutLinks, { assumeValidSDL: true });
}

function schemaFor(name: string, sdl: string, side: 'current' | 'base'): GraphQLSchema {
  try {
    return name === SUPERGRAPH ? supergraphApiSchema(sdl) : subgraphSchema(sdl);
  } catch (error) {
    throw new UsageError(`${side === 'current' ? `schema/${name}.graphql` : `the base's ${name}.graphql`}: ${(error as Error).message}`);
  }
}

const SEVERITY: Record<CriticalityLevel, Severity> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/** Lines of an acknowledgement file: ids or messages; blank lines and `#` comments skipped. */
export function parseAcknowledgements(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export async function checkSchemas(
  pairs: SchemaPair[],
  options: { acknowledgements?: string[]; allowBreaking?: boolean } = {},
): Promise<CheckResult> {
  const acknowledgements = options.acknowledgements ?? [];
  const used = new Set<string>();
  const changes: ReportedChange[] = [];
  const acknowledge = (change: Omit<ReportedChange, 'acknowledged'>): ReportedChange => {
    const match = acknowledgements.find((ack) => ack === change.id || ack === change.message);
    if (match !== undefined) used.add(match);
    return { ...change, acknowledged: match !== undefined };
  };

  for (const { name, current, base } of pairs) {
    if (current === undefined && base === undefined) continue;
    if (current === undefined) {
      changes.push(
        acknowledge({
          id: `${name}:SCHEMA_REMOVED`,
          schema: name,
          severity: 'breaking',
          type: 'SCHEMA_REMOVED',
          message: `schema/${name}.graphql was removed`,
          reason: 'Everything this schema offered is gone unless another subgraph provides it.',
        }),
      );
      continue;
    }
    const next = schemaFor(name, current, 'current');
    // A new file (a new subgraph): everything in it is an addition.
    const previous = base === undefined ? null : schemaFor(name, base, 'base');
    const found: Change[] = await diff(previous, next);
    for (const change of found) {
      changes.push(
        acknowledge({
          id: `${name}:${change.type}${change.path ? `:${change.path}` : ''}`,
          schema: name,
          severity: SEVERITY[change.criticality.level],
          type: change.type,
          message: change.message,
          reason: change.criticality.reason,
        }),
      );
    }
  }

  const blocking = options.allowBreaking ? [] : changes.filter((c) => c.severity === 'breaking' && !c.acknowledged);
  return { changes, blocking, unusedAcknowledgements: acknowledgements.filter((ack) => !used.has(ack)) };
}

/** The names of the SDL files to check: the supergraph and each subgraph, in a stable order. */
export function schemaNames(...dirs: string[]): string[] {
  const names = new Set<string>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir)) if (file.endsWith('.graphql')) names.add(file.slice(0, -'.graphql'.length));
  }
  return [...names].sort((a, b) => (a === SUPERGRAPH ? -1 : b === SUPERGRAPH ? 1 : a.localeCompare(b)));
}

function readIfExists(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

function gitRefExists(ref: string): boolean {
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/** `git show REF:schema/<name>.graphql`, or undefined where that file does not exist on REF. */
function gitShow(ref: string, name: string): string | undefined {
  try {
    return git(['show', `${ref}:schema/${name}.graphql`]);
  } catch {
    return undefined;
  }
}

function gitSchemaNames(ref: string): string[] {
  return git(['ls-tree', '--name-only', `${ref}:schema`])
    .split('\n')
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => f.slice(0, -'.graphql'.length));
}

export interface Base {
  /** Says what was compared with, for the report's first line. */
  description: string;
  pairs: SchemaPair[];
}

export function pairsFromFiles(schemaDir: string, base: string): Base {
  const resolved = path.resolve(base);
  if (!existsSync(resolved)) throw new UsageError(`--base ${base}: no such file or directory`);
  if (statSync(resolved).isDirectory()) {
    const pairs = schemaNames(schemaDir, resolved).map((name) => ({
      name,
      current: readIfExists(path.join(schemaDir, `${name}.graphql`)),
      base: readIfExists(path.join(resolved, `${name}.graphql`)),
    }));
    return { description: resolved, pairs };
  }
  const name = path.basename(resolved).replace(/\.graphql$/, '');
  const current = readIfExists(path.join(schemaDir, `${name}.graphql`));
  if (current === undefined) throw new UsageError(`--base ${base}: there is no schema/${name}.graphql to compare it with`);
  return { description: resolved, pairs: [{ name, current, base: readFileSync(resolved, 'utf8') }] };
}

export function pairsFromGit(schemaDir: string, requestedRef: string | undefined): Base {
  let ref = requestedRef;
  if (ref === undefined) ref = gitRefExists('main') ? 'main' : 'HEAD';
  if (!gitRefExists(ref)) throw new UsageError(`git ref ${ref} not found (use --ref REF or --base FILE_OR_DIR)`);
  const names = schemaNames(schemaDir);
  for (const name of gitSchemaNames(ref)) if (!names.includes(name)) names.push(name);
  const pairs = names.map((name) => ({
    name,
    current: readIfExists(path.join(schemaDir, `${name}.graphql`)),
    base: gitShow(ref, name),
  }));
  return { description: `${ref} (git show ${ref}:schema/<name>.graphql)`, pairs };
}

export class UsageError extends Error {}

const MARK: Record<Severity, string> = { breaking: '✖ breaking ', dangerous: '! dangerous', safe: '✓ safe     ' };

export function formatReport(base: Base, result: CheckResult, allowBreaking: boolean): string {
  const lines = [`Schema check against ${base.description}`];
  for (const { name } of base.pairs) {
    const ofSchema = result.changes.filter((c) => c.schema === name);
    const count = (s: Severity) => ofSchema.filter((c) => c.severity === s).length;
    const label = name === SUPERGRAPH ? 'supergraph (API schema)' : `${name} (subgraph SDL)`;
    lines.push('', `${label}: ${count('breaking')} breaking, ${count('dangerous')} dangerous, ${count('safe')} safe`);
    for (const severity of ['breaking', 'dangerous', 'safe'] as const) {
      for (const change of ofSchema.filter((c) => c.severity === severity)) {
        const note = severity === 'breaking' && change.acknowledged ? ' (acknowledged)' : '';
        lines.push(`  ${MARK[severity]} ${change.message}${note}  [${change.id}]`);
        if (severity !== 'safe' && change.reason) lines.push(`                ${change.reason}`);
      }
    }
  }
  for (const ack of result.unusedAcknowledgements) lines.push('', `Unused acknowledgement (delete it): ${ack}`);
  const breaking = result.changes.filter((c) => c.severity === 'breaking');
  lines.push('');
  if (result.blocking.length > 0) {
    lines.push(
      `FAILED: ${result.blocking.length} unacknowledged breaking change(s). If the graph's clients agree, add each id in`,
      `brackets above to ${path.relative(process.cwd(), DEFAULT_ACK_FILE) || DEFAULT_ACK_FILE} (or pass --allow-breaking).`,
    );
  } else if (breaking.length > 0) {
    lines.push(`OK: ${breaking.length} breaking change(s), ${allowBreaking ? 'allowed by --allow-breaking' : 'all acknowledged'}.`);
  } else {
    lines.push('OK: no breaking changes.');
  }
  return lines.join('\n');
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        base: { type: 'string' },
        ref: { type: 'string' },
        ack: { type: 'string' },
        'allow-breaking': { type: 'boolean', default: false },
        'schema-dir': { type: 'string' },
      },
    }));
  } catch (error) {
    console.error(`schema:check: ${(error as Error).message}`);
    return 2;
  }
  try {
    const schemaDir = values['schema-dir'] ? path.resolve(values['schema-dir']) : SCHEMA_DIR;
    if (values.base !== undefined && values.ref !== undefined) throw new UsageError('--base and --ref exclude each other');
    const base = values.base !== undefined ? pairsFromFiles(schemaDir, values.base) : pairsFromGit(schemaDir, values.ref);
    const ackFile = values.ack ?? DEFAULT_ACK_FILE;
    if (values.ack !== undefined && !existsSync(ackFile)) throw new UsageError(`--ack ${ackFile}: no such file`);
    const acknowledgements = existsSync(ackFile) ? parseAcknowledgements(readFileSync(ackFile, 'utf8')) : [];
    const allowBreaking = values['allow-breaking'] ?? false;
    const result = await checkSchemas(base.pairs, { acknowledgements, allowBreaking });
    console.log(formatReport(base, result, allowBreaking));
    return result.blocking.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(`schema:check: ${error instanceof UsageError ? error.message : (error as Error).stack ?? error}`);
    return 2;
  }
}

/** True when this module is the process entry (not when a test imports it). */
function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url);
}

if (isMain()) process.exitCode = await main();
