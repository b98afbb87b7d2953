// Per-subgraph generations: the response cache's way of forgetting a subgraph's data at once.
// A cached response's key holds the current generation of every subgraph its operation reads
// from; bumping a subgraph's generation makes every such key unreachable (the entries themselves
// age out by their maxAge or are evicted). Kept in the cache backend, so that gateway replicas
// sharing a Redis agree on them.
import { randomBytes } from 'node:crypto';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';

const KEY_PREFIX = 'generation:';

/**
 * A new generation: unique rather than a counter, so that a bump needs no atomic increment and a
 * generation the store forgot (evicted, Redis restarted) is replaced by a value no cached
 * response was ever keyed with; forgetting can only drop entries, never revive stale ones.
 */
function newGeneration(): string {
  return `${Date.now().toString(36)}.${randomBytes(6).toString('base64url')}`;
}

export class SubgraphGenerations {
  /** `generations` must throw when it cannot answer (see CacheBackend.generations). */
  constructor(private readonly store: KeyValueCache<string>) {}

  /**
   * The current generation of each subgraph, by name. A subgraph without one gets one. Throws
   * when the store cannot be read: the caller then must not use the response cache.
   */
  async current(subgraphs: readonly string[]): Promise<Record<string, string>> {
    // One round trip for all of them: the Keyv adapter batches reads made in the same tick.
    const stored = await Promise.all(subgraphs.map((name) => this.store.get(KEY_PREFIX + name)));
    const generations: Record<string, string> = {};
    await Promise.all(
      subgraphs.map(async (name, i) => {
        generations[name] = stored[i] ?? (await this.bump(name));
      }),
    );
    return generations;
  }

  /** Invalidates every cached response that read from `subgraph`; returns its new generation. */
  async bump(subgraph: string): Promise<string> {
    const generation = newGeneration();
    // No TTL: a generation must outlive every entry keyed with it.
    await this.store.set(KEY_PREFIX + subgraph, generation);
    return generation;
  }
}
