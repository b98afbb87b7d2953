/**
 * `npm run schema:docs`: every type, field, argument, enum value and input field in each subgraph
 * SDL (`schema/<subgraph>.graphql`) has a non-empty description, and every `@deprecated` gives a
 * reason. These descriptions are what the explorer's docs pane shows, so a gap is a hole in the
 * graph's documentation. Exits 1 on any gap, listing each with its file and line.
 *
 * Not required: a description on the root operation types themselves (`type Query`), which every
 * subgraph declares and nobody reads (their fields are checked like any other), and on the
 * `extend schema @link(...)` header. Descriptions without a Chinese term (the house style is
 * English with the Chinese term, e.g. "Work orders received (受理量).") are listed as a warning,
 * not counted as gaps.
 *
 * `tsx scripts/description-coverage.ts [FILE...]` checks the given SDL files instead.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type FieldDefinitionNode,
  type InputValueDefinitionNode,
  type StringValueNode,
} from 'graphql';

const SCHEMA_DIR = fileURLToPath(new URL('../schema', import.meta.url));
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const CHINESE = /\p{Script=Han}/u;

export type ElementKind = 'type' | 'field' | 'argument' | 'enum value' | 'input field';

export interface Element {
  /** Schema coordinate: `Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`. */
  coordinate: string;
  kind: ElementKind;
  line: number;
}

export interface Gap extends Element {
  problem: 'no description' | '@deprecated without a reason';
}

export interface CoverageReport {
  file: string;
  /** Elements that need a description. */
  elements: number;
  gaps: Gap[];
  /** Described, but with no Chinese term in the description. */
  withoutChineseTerm: Element[];
}

function described(description: StringValueNode | undefined): string | undefined {
  const text = description?.value.trim();
  return text ? text : undefined;
}

function deprecatedWithoutReason(directives: readonly ConstDirectiveNode[] | undefined): boolean {
  const deprecated = directives?.find((d) => d.name.value === 'deprecated');
  if (!deprecated) return false;
  const reason = deprecated.arguments?.find((a) => a.name.value === 'reason')?.value;
  return !(reason?.kind === Kind.STRING && reason.value.trim() !== '');
}

export function checkDescriptions(sdl: string, file = '<sdl>'): CoverageReport {
  const report: CoverageReport = { file, elements: 0, gaps: [], withoutChineseTerm: [] };
  const document = parse(sdl);

  const check = (
    node: { description?: StringValueNode; directives?: readonly ConstDirectiveNode[]; loc?: { startToken: { line: number } } },
    coordinate: string,
    kind: ElementKind,
  ) => {
    const element: Element = { coordinate, kind, line: node.loc?.startToken.line ?? 0 };
    report.elements += 1;
    const text = described(node.description);
    if (text === undefined) report.gaps.push({ ...element, problem: 'no description' });
    else if (!CHINESE.test(text)) report.withoutChineseTerm.push(element);
    if (deprecatedWithoutReason(node.directives)) report.gaps.push({ ...element, problem: '@deprecated without a reason' });
  };

  const checkArguments = (args: readonly InputValueDefinitionNode[] | undefined, owner: string) => {
    for (const arg of args ?? []) check(arg, `${owner}(${arg.name.value}:)`, 'argument');
  };

  const checkFields = (fields: readonly FieldDefinitionNode[] | undefined, typeName: string) => {
    for (const field of fields ?? []) {
      const coordinate = `${typeName}.${field.name.value}`;
      check(field, coordinate, 'field');
      checkArguments(field.arguments, coordinate);
    }
  };

  for (const definition of document.definitions as readonly DefinitionNode[]) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        if (!ROOT_TYPES.has(definition.name.value)) check(definition, definition.name.value, 'type');
        checkFields(definition.fields, definition.name.value);
        break;
      // An extension has no description of its own; what it adds does.
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        checkFields(definition.fields, definition.name.value);
        break;
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_DEFINITION:
        check(definition, definition.name.value, 'type');
        break;
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        if (definition.kind === Kind.ENUM_TYPE_DEFINITION) check(definition, definition.name.value, 'type');
        for (const value of definition.values ?? []) check(value, `${definition.name.value}.${value.name.value}`, 'enum value');
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) check(definition, definition.name.value, 'type');
        for (const field of definition.fields ?? []) check(field, `${definition.name.value}.${field.name.value}`, 'input field');
        break;
      case Kind.DIRECTIVE_DEFINITION:
        // Custom directives are documented like any element; federation's own are not ours to.
        if (!/^(link|federation)__/.test(definition.name.value)) {
          check(definition, `@${definition.name.value}`, 'type');
          checkArguments(definition.arguments, `@${definition.name.value}`);
        }
        break;
      default:
        break;
    }
  }
  return report;
}

export function subgraphSdlFiles(dir: string = SCHEMA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql') && f !== 'supergraph.graphql')
    .sort()
    .map((f) => path.join(dir, f));
}

export function formatReports(reports: CoverageReport[]): string {
  const lines: string[] = [];
  let gaps = 0;
  for (const report of reports) {
    const file = path.relative(process.cwd(), report.file) || report.file;
    const covered = report.elements - new Set(report.gaps.filter((g) => g.problem === 'no description').map((g) => g.coordinate)).size;
    const percent = report.elements === 0 ? 100 : (100 * covered) / report.elements;
    lines.push(`${file}: ${covered}/${report.elements} described (${percent.toFixed(1)}%), ${report.gaps.length} gap(s)`);
    for (const gap of report.gaps) lines.push(`  ${file}:${gap.line}  ${gap.coordinate} (${gap.kind}): ${gap.problem}`);
    if (report.withoutChineseTerm.length > 0) {
      lines.push(`  warning: ${report.withoutChineseTerm.length} description(s) without a Chinese term:`);
      for (const element of report.withoutChineseTerm) lines.push(`    ${file}:${element.line}  ${element.coordinate} (${element.kind})`);
    }
    gaps += report.gaps.length;
  }
  lines.push('', gaps === 0 ? 'OK: every element is described.' : `FAILED: ${gaps} gap(s) in the schema's documentation.`);
  return lines.join('\n');
}

export function main(argv: string[] = process.argv.slice(2)): number {
  const files = argv.length > 0 ? argv.map((f) => path.resolve(f)) : subgraphSdlFiles();
  const reports = files.map((file) => checkDescriptions(readFileSync(file, 'utf8'), file));
  console.log(formatReports(reports));
  return reports.some((r) => r.gaps.length > 0) ? 1 : 0;
}

function isMain(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && path.resolve(entry) === fileURLToPath(import.meta.url);
}

if (isMain()) process.exitCode = main();
