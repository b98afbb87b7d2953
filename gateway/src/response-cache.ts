// The gateway's response cache: Apollo's response-cache plugin, told who is asking.
//
// What may be cached, and for how long, is the subgraphs' decision: each answers with a
// Cache-Control header computed from its SDL's @cacheControl hints, the gateway's data sources
// narrow the operation's cache policy with every one of them (RemoteGraphQLDataSource does this),
// and the plugin stores a response only when the resulting policy allows it (maxAge > 0, no
// errors). What this file adds is the key:
// - the caller's authorization (authenticated, scopes, roles, department): two callers with
//   different scopes can get different data for the same query, because fields they may not read
//   are null, so they never share an entry;
// - for PRIVATE responses, the user (`sub`): only that user is served them, and nothing private
//   is cached for an anonymous caller;
// - the generation of each subgraph the operation reads from (see cache-generations.ts), so that
//   `POST /internal/cache/invalidate` can drop one subgraph's data;
// - the supergraph's identity, so that a new composition never serves answers of the old one.
import { createHash } from 'node:crypto';
import type { GraphQLRequestContext } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Viewer } from '@govgraph/core';
import type { SubgraphGenerations } from './cache-generations.js';
import type { GatewayContext } from './createGateway.js';
import type { Logger } from './logger.js';
import type { OperationSubgraphs } from './operation-subgraphs.js';

export const CACHE_STATUS_HEADER = 'x-govgraph-cache';

/** HIT: served from the cache. MISS: looked up, not there. BYPASS: the cache was not consulted. */
export type CacheStatus = 'HIT' | 'MISS' | 'BYPASS';

/** What of the caller decides what a response contains: everything in the token but who it is. */
export interface ViewerCacheKey {
  authenticated: boolean;
  scopes: string[];
  roles: string[];
  dept: string | null;
}

export function viewerCacheKey(viewer: Viewer): ViewerCacheKey {
  const sortedSet = (values: readonly string[]) => [...new Set(values)].sort();
  return {
    authenticated: viewer.authenticated,
    scopes: sortedSet(viewer.scopes),
    roles: sortedSet(viewer.roles),
    dept: viewer.dept,
  };
}

/** Whose PRIVATE entries a caller may read: a signed-in caller's own; none for the public. */
export function cacheSessionId(viewer: Viewer): string | null {
  return viewer.authenticated && viewer.sub !== null ? `sub:${viewer.sub}` : null;
}

/** A client that asks `Cache-Control: no-cache` (or no-store) gets a fresh answer, as from an HTTP cache. */
export function clientRefusesCachedResponse(cacheControl: string | undefined): boolean {
  return cacheControl !== undefined && /(^|,)\s*no-(cache|store)\s*(,|$)/i.test(cacheControl);
}

export interface ResponseCacheOptions {
  /** Fail-soft store for entries (see CacheBackend.entries). */
  cache: KeyValueCache<string>;
  generations: SubgraphGenerations;
  operationSubgraphs: OperationSubgraphs;
  /** Identifies the supergraph being served. */
  supergraphId: () => string;
  logger: Logger;
}

type RequestContext = GraphQLRequestContext<GatewayContext>;

/** What the plugin hashes into a key: its own fields, with ours under `extra`. */
interface CacheKeyData {
  extra?: { generations?: Record<string, string> | null } | null;
  [field: string]: unknown;
}

/**
 * The key data with only the generations of `subgraphs`. The generations are read when the
 * request starts; the first time an operation runs its plan is not known yet, so all of them are
 * read, and by the time its response is written the plan has told which subgraphs it reads. The
 * key is narrowed then, so the entry is written under the same key the next identical request
 * (whose plan is known) will look up.
 */
export function narrowGenerations(keyData: CacheKeyData, subgraphs: readonly string[]): CacheKeyData {
  const generations = keyData.extra?.generations;
  if (!generations) return keyData;
  const narrowed: Record<string, string> = {};
  for (const name of subgraphs) if (generations[name] !== undefined) narrowed[name] = generations[name];
  return { ...keyData, extra: { ...keyData.extra, generations: narrowed } };
}

export function responseCachePlugins(options: ResponseCacheOptions): ApolloServerPlugin<GatewayContext>[] {
  // Requests whose cache key could not be built (the generations were unreadable): they must
  // neither read nor write, as their key would not tell fresh entries from invalidated ones.
  const withoutKey = new WeakSet<RequestContext['request']>();
  const viewerOf = (requestContext: RequestContext): Viewer => requestContext.contextValue.viewer;

  const subgraphsOf = (requestContext: { queryHash?: string; operationName?: string | null }) =>
    options.operationSubgraphs.of({ queryHash: requestContext.queryHash ?? '', operationName: requestContext.operationName });

  const responseCache = ApolloServerPluginResponseCache<GatewayContext>({
    cache: options.cache,
    generateCacheKey: (requestContext, keyData) =>
      createHash('sha256')
        .update(JSON.stringify(narrowGenerations(keyData as CacheKeyData, subgraphsOf(requestContext))))
        .digest('hex'),
    sessionId: async (requestContext) => cacheSessionId(viewerOf(requestContext)),
    extraCacheKeyData: async (requestContext) => {
      let generations: Record<string, string> | null = null;
      try {
        generations = await options.generations.current(subgraphsOf(requestContext));
      } catch (error) {
        withoutKey.add(requestContext.request);
        options.logger.debug(`Response cache skipped: generations unavailable (${(error as Error).message})`);
      }
      return { viewer: viewerCacheKey(viewerOf(requestContext)), generations, supergraph: options.supergraphId() };
    },
    shouldReadFromCache: async (requestContext) =>
      !withoutKey.has(requestContext.request) &&
      !clientRefusesCachedResponse(requestContext.request.http?.headers.get('cache-control')),
    shouldWriteToCache: async (requestContext) => !withoutKey.has(requestContext.request),
  });

  const statusHeader: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async willSendResponse(requestContext) {
          // Only queries go through the cache; mutations and failed requests say nothing.
          if (requestContext.operation?.operation !== 'query') return;
          const hit = requestContext.metrics.responseCacheHit === true;
          const consulted =
            !withoutKey.has(requestContext.request) &&
            !clientRefusesCachedResponse(requestContext.request.http?.headers.get('cache-control'));
          const status: CacheStatus = hit ? 'HIT' : consulted ? 'MISS' : 'BYPASS';
          requestContext.response.http.headers.set(CACHE_STATUS_HEADER, status);
        },
      };
    },
  };

  return [responseCache, statusHeader];
}
