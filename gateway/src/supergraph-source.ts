// Loads the supergraph from a file, applies per-subgraph URL overrides from the environment, and
// watches the file so a new composition is served without a restart.
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { Kind, parse, print, visit, type EnumTypeDefinitionNode, type EnumValueDefinitionNode } from 'graphql';
import { subgraphEnvName, subgraphUrlEnvVar } from './config.js';
import type { Logger } from './logger.js';
import { withoutSecurityPurpose } from './security-links.js';

/** One subgraph as the supergraph's `join__Graph` enum declares it. */
export interface SupergraphSubgraph {
  /** The subgraph's name, `@join__graph(name:)`, e.g. `service-items`. */
  name: string;
  /** The join__Graph enum value, e.g. `SERVICE_ITEMS`. */
  graph: string;
  /** Its GraphQL endpoint after any environment override. */
  url: string;
}

export interface LoadedSupergraph {
  /** The SDL handed to the gateway (with URL overrides applied). */
  supergraphSdl: string;
  subgraphs: readonly SupergraphSubgraph[];
}

const JOIN_GRAPH_ENUM = 'join__Graph';
const JOIN_GRAPH_DIRECTIVE = 'join__graph';

function stringArgument(value: EnumValueDefinitionNode, argument: string): string | undefined {
  const directive = value.directives?.find((d) => d.name.value === JOIN_GRAPH_DIRECTIVE);
  const arg = directive?.arguments?.find((a) => a.name.value === argument);
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
}

/**
 * Reads a supergraph SDL and applies `overrides` (keyed by env name, see `subgraphEnvName`) to
 * the `url:` of matching `@join__graph` directives. Throws when the text is not GraphQL or has no
 * `join__Graph` enum; deeper validation is the gateway's (it rejects a bad supergraph on update).
 */
export function prepareSupergraph(committedSdl: string, overrides: Readonly<Record<string, string>> = {}): LoadedSupergraph {
  const parsed = parse(committedSdl);
  // The gateway's copy: security specs it leaves to the subgraphs lose their `for: SECURITY`.
  const document = withoutSecurityPurpose(parsed);
  const sdl = document === parsed ? committedSdl : print(document);
  const graphEnum = document.definitions.find(
    (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === JOIN_GRAPH_ENUM,
  );
  if (!graphEnum?.values?.length) {
    throw new Error(`not a supergraph: no ${JOIN_GRAPH_ENUM} enum with at least one subgraph`);
  }

  const subgraphs: SupergraphSubgraph[] = graphEnum.values.map((value) => {
    const graph = value.name.value;
    const name = stringArgument(value, 'name');
    const declaredUrl = stringArgument(value, 'url');
    if (name === undefined || declaredUrl === undefined) {
      throw new Error(`${JOIN_GRAPH_ENUM}.${graph} has no @${JOIN_GRAPH_DIRECTIVE}(name:, url:)`);
    }
    return { name, graph, url: overrides[subgraphEnvName(graph)] ?? declaredUrl };
  });

  const overridden = new Map(
    subgraphs.filter((s) => overrides[subgraphEnvName(s.graph)] !== undefined).map((s) => [s.graph, s.url]),
  );
  if (overridden.size === 0) return { supergraphSdl: sdl, subgraphs };

  // Rewrite the SDL itself rather than patching data sources afterwards, so that the gateway,
  // the readiness check and anyone printing the supergraph all see the same URLs.
  let insideGraphEnum = false;
  const rewritten = visit(document, {
    EnumTypeDefinition: {
      enter: (node) => {
        insideGraphEnum = node.name.value === JOIN_GRAPH_ENUM;
      },
      leave: () => {
        insideGraphEnum = false;
      },
    },
    EnumValueDefinition: (node) => {
      const url = insideGraphEnum ? overridden.get(node.name.value) : undefined;
      if (url === undefined) return undefined;
      return {
        ...node,
        directives: node.directives?.map((directive) =>
          directive.name.value !== JOIN_GRAPH_DIRECTIVE
            ? directive
            : {
                ...directive,
                arguments: directive.arguments?.map((arg) =>
                  arg.name.value === 'url' ? { ...arg, value: { kind: Kind.STRING, value: url } } : arg,
                ),
              },
        ),
      };
    },
  });
  return { supergraphSdl: print(rewritten), subgraphs };
}

export type ReloadOutcome = 'updated' | 'unchanged' | 'rejected';

export interface FileSupergraphSourceOptions {
  path: string;
  /** Keyed by env name (`SERVICE_ITEMS`), as collected from `GOVGRAPH_SUBGRAPH_<NAME>_URL`. */
  urlOverrides?: Readonly<Record<string, string>>;
  logger: Logger;
  /** Watch the file and hot-reload it. Default true. */
  watch?: boolean;
  /** Quiet period after the last file event before reloading. Default 150 ms. */
  debounceMs?: number;
}

type UpdateFn = Parameters<SupergraphSdlHook>[0]['update'];

/**
 * A supergraph served from a file. Hand `hook` to `new ApolloGateway({ supergraphSdl })`: the
 * gateway calls it once at start; after that a file change (or `reload()`) is validated and
 * passed to the gateway's `update`, which swaps the schema atomically, so requests already
 * running finish on the schema they started with. A file that does not parse, or that the gateway
 * rejects, is logged and the previous supergraph stays in service.
 */
export class FileSupergraphSource {
  readonly path: string;
  readonly hook: SupergraphSdlHook;
  private readonly logger: Logger;
  private readonly urlOverrides: Readonly<Record<string, string>>;
  private readonly watchEnabled: boolean;
  private readonly debounceMs: number;
  private update: UpdateFn | undefined;
  private applied: LoadedSupergraph | undefined;
  private appliedText: string | undefined;
  private rejectedText: string | undefined;
  private watcher: FSWatcher | undefined;
  private debounceTimer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: FileSupergraphSourceOptions) {
    this.path = path.resolve(options.path);
    this.logger = options.logger;
    this.urlOverrides = options.urlOverrides ?? {};
    this.watchEnabled = options.watch ?? true;
    this.debounceMs = options.debounceMs ?? 150;
    this.hook = async ({ update }) => this.initialize(update);
  }

  /** The supergraph in service (after overrides), or undefined before the gateway has loaded. */
  current(): LoadedSupergraph | undefined {
    return this.applied;
  }

  /** Re-reads the file now; also what a file change triggers. Calls are serialized. */
  reload(): Promise<ReloadOutcome> {
    const next = this.queue.then(() => this.reloadNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.debounceTimer);
    this.watcher?.close();
    this.watcher = undefined;
    await this.queue;
  }

  private async initialize(update: UpdateFn): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    const text = await readFile(this.path, 'utf8');
    const loaded = prepareSupergraph(text, this.urlOverrides);
    this.warnAboutUnusedOverrides(loaded);
    this.update = update;
    this.applied = loaded;
    this.appliedText = text;
    if (this.watchEnabled) this.startWatching();
    this.logger.info(
      `Supergraph loaded from ${this.path}: ${loaded.subgraphs.map((s) => `${s.name} at ${s.url}`).join(', ')}`,
    );
    return { supergraphSdl: loaded.supergraphSdl, cleanup: () => this.close() };
  }

  private warnAboutUnusedOverrides(loaded: LoadedSupergraph): void {
    const known = new Set(loaded.subgraphs.map((s) => subgraphEnvName(s.graph)));
    for (const name of Object.keys(this.urlOverrides)) {
      if (!known.has(name)) {
        this.logger.warn(`GOVGRAPH_SUBGRAPH_${name}_URL is set but the supergraph has no subgraph ${name}`);
      }
    }
    for (const subgraph of loaded.subgraphs) {
      if (this.urlOverrides[subgraphEnvName(subgraph.graph)] !== undefined) {
        this.logger.info(`Subgraph ${subgraph.name} URL overridden by ${subgraphUrlEnvVar(subgraph.graph)}`);
      }
    }
  }

  private startWatching(): void {
    // Watch the directory, not the file: editors and `mv`-style deploys replace the file with a
    // new inode, after which a watch on the old file would never fire again. Any event in the
    // directory schedules a re-read; comparing contents decides whether anything changed.
    const directory = path.dirname(this.path);
    this.watcher = watch(directory, { persistent: false }, () => this.scheduleReload());
    this.watcher.on('error', (error) => {
      this.logger.error(`Watching ${directory} for supergraph changes failed: ${error.message}`);
    });
  }

  private scheduleReload(): void {
    if (this.closed) return;
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.reload(), this.debounceMs);
    this.debounceTimer.unref();
  }

  private async reloadNow(): Promise<ReloadOutcome> {
    if (this.closed || !this.update) return 'unchanged';
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      // Mid-replace the file can be briefly missing; the rename that completes it fires again.
      this.logger.warn(`Supergraph ${this.path} could not be read, keeping the current one: ${(error as Error).message}`);
      return 'unchanged';
    }
    if (text.trim() === '') {
      // Truncate-then-write leaves an empty file for a moment; the write fires another event.
      this.logger.debug(`Supergraph ${this.path} is empty; waiting for it to be written`);
      return 'unchanged';
    }
    if (text === this.appliedText) return 'unchanged';
    if (text === this.rejectedText) return 'rejected';

    try {
      const loaded = prepareSupergraph(text, this.urlOverrides);
      // Throws if the gateway cannot build a schema from it; the gateway then keeps the old one.
      this.update(loaded.supergraphSdl);
      this.applied = loaded;
      this.appliedText = text;
      this.rejectedText = undefined;
      this.warnAboutUnusedOverrides(loaded);
      this.logger.info(`Supergraph reloaded from ${this.path} (${loaded.subgraphs.length} subgraphs)`);
      return 'updated';
    } catch (error) {
      this.rejectedText = text;
      this.logger.error(
        `Supergraph ${this.path} was rejected, still serving the previous one: ${(error as Error).message}`,
      );
      return 'rejected';
    }
  }
}
