/**
 * What a subgraph declares about importing (its SubgraphDefinition's `imports`), and the import
 * of one or all of its resources from one source: what the CLI and the schedule run.
 */
import type { AnyImportResource } from './resource.js';
import { runImport, type ImportFrom, type ImportSummary, type RunImportOptions } from './runner.js';
import { createJsonClient } from './upstream-request.js';

export interface SubgraphImports<DB> {
  /** Every upstream resource the subgraph imports, in the order a full import runs them. */
  resources: readonly AnyImportResource<DB>[];
  /**
   * Called after a run (CLI, schedule or quarantine retry) that inserted or updated records:
   * the place to drop the gateway's cached answers for this subgraph.
   */
  onCommitted?: (summary: ImportSummary) => void | Promise<void>;
}

/** The resource to import is unknown, or must be named; the message lists the known ones. */
export class UnknownResourceError extends Error {
  constructor(name: string | undefined, known: readonly string[]) {
    super(
      name === undefined
        ? `a file holds one resource: say which (one of ${known.join(', ')})`
        : `no import resource ${JSON.stringify(name)}; known: ${known.join(', ')}`,
    );
    this.name = 'UnknownResourceError';
  }
}

export function resourceNamed<DB>(imports: SubgraphImports<DB>, name: string): AnyImportResource<DB> {
  const resource = imports.resources.find((r) => r.name === name);
  if (!resource) throw new UnknownResourceError(name, imports.resources.map((r) => r.name));
  return resource;
}

export interface ImportSubgraphOptions<DB> extends Omit<RunImportOptions<DB>, 'resource' | 'onCommitted'> {
  imports: SubgraphImports<DB>;
  /** One resource by name; default: every resource (a URL), or the only one (a file). */
  resource?: string;
}

/**
 * Imports the chosen resources one after another, stopping at the first that fails. A file holds
 * one resource, so a subgraph with several needs `resource` for a file.
 */
export async function importSubgraph<DB>(options: ImportSubgraphOptions<DB>): Promise<ImportSummary[]> {
  const { imports, from } = options;
  let resources: readonly AnyImportResource<DB>[];
  if (options.resource !== undefined) resources = [resourceNamed(imports, options.resource)];
  else if ('url' in from || imports.resources.length === 1) resources = imports.resources;
  else {
    throw new UnknownResourceError(undefined, imports.resources.map((r) => r.name));
  }
  // One client for all resources: the rate bound is per subsystem, not per resource.
  const shared: ImportFrom = 'url' in from ? { ...from, client: from.client ?? createJsonClient(from.rest) } : from;
  const summaries: ImportSummary[] = [];
  for (const resource of resources) {
    const summary = await runImport({
      ...options,
      from: shared,
      resource,
      ...(imports.onCommitted ? { onCommitted: imports.onCommitted } : {}),
    });
    summaries.push(summary);
    if (summary.status !== 'SUCCEEDED') break;
  }
  return summaries;
}
