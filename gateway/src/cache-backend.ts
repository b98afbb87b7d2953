// Where the gateway keeps what it caches across requests: cached responses, automatic persisted
// queries and the per-subgraph generations that invalidate responses. In process memory by
// default; in Redis when configured, so that every gateway replica shares one cache and one set
// of generations.
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import KeyvRedis, { Keyv } from '@keyv/redis';
import type { Logger } from './logger.js';

export type ResponseCacheMode = 'off' | 'memory' | 'redis';

/**
 * Bound on the in-memory cache, measured as Apollo's InMemoryLRUCache measures (string length).
 * Apollo's own default is 30 MiB; responses holding Chinese text take about twice that in the
 * heap, which keeps the gateway well inside its 250 MB RSS budget.
 */
export const DEFAULT_MEMORY_CACHE_MIB = 32;

/** How long a backend that just failed is left alone before it is tried again. */
export const BACKEND_PAUSE_AFTER_FAILURE_MS = 5_000;

export interface CacheBackend {
  kind: 'memory' | 'redis';
  /**
   * Cached responses and persisted queries. Fail-soft: when the backend fails a read is a miss
   * and a write is dropped (and logged), so an unavailable Redis slows requests down but never
   * fails them.
   */
  entries: KeyValueCache<string>;
  /**
   * The generation counters. Strict: errors reach the caller, which must then neither read nor
   * write cached responses, because without the current generations it cannot tell a fresh entry
   * from an invalidated one.
   */
  generations: KeyValueCache<string>;
  /** Releases connections; the caches are unusable afterwards. */
  close(): Promise<void>;
}

/**
 * Guards a backend that can fail (a network store). After a failure it stops calling the backend
 * for `pauseMs`, so that while Redis is down each request does not wait for its own connection
 * attempt, and logs once per outage rather than once per request.
 */
export class FailSoftCache implements KeyValueCache<string> {
  private pausedUntil = 0;
  /** The same backend with errors (and the pause) surfacing as exceptions. */
  readonly strict: KeyValueCache<string>;

  constructor(
    private readonly backend: KeyValueCache<string>,
    private readonly logger: Logger,
    private readonly pauseMs = BACKEND_PAUSE_AFTER_FAILURE_MS,
    private readonly now: () => number = Date.now,
  ) {
    const guarded = <T>(operation: () => Promise<T>): Promise<T> => {
      if (!this.available) return Promise.reject(new Error('the cache backend is paused after a failure'));
      return operation().catch((error: unknown) => {
        this.failed(error);
        throw error;
      });
    };
    this.strict = {
      get: (key) => guarded(() => this.backend.get(key)),
      set: (key, value, options) => guarded(() => this.backend.set(key, value, options)),
      delete: (key) => guarded(() => this.backend.delete(key)),
    };
  }

  get available(): boolean {
    return this.now() >= this.pausedUntil;
  }

  async get(key: string): Promise<string | undefined> {
    return this.strict.get(key).catch(() => undefined);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.strict.set(key, value, options).catch(() => undefined);
  }

  async delete(key: string): Promise<boolean | void> {
    return this.strict.delete(key).catch(() => false);
  }

  private failed(error: unknown): void {
    if (this.available) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Cache backend failed (${reason}); serving without it for ${this.pauseMs} ms`);
    }
    this.pausedUntil = this.now() + this.pauseMs;
  }
}

export function createMemoryCacheBackend(options: { maxMiB?: number } = {}): CacheBackend {
  return {
    kind: 'memory',
    entries: new InMemoryLRUCache<string>({ maxSize: Math.round((options.maxMiB ?? DEFAULT_MEMORY_CACHE_MIB) * 2 ** 20) }),
    // Its own store, so that no amount of cached responses can evict a generation: a forgotten
    // generation would be re-created, which is safe, but needlessly drops a subgraph's entries.
    generations: new InMemoryLRUCache<string>({ max: 10_000 }),
    close: async () => {},
  };
}

export interface RedisCacheBackendOptions {
  url: string;
  logger: Logger;
  /** Bound on connecting; default 2 s. */
  connectTimeoutMs?: number;
}

/**
 * Redis through Keyv (the adapter Apollo documents for its caches). Commands fail at once while
 * the connection is down (no offline queue), so a request never waits on Redis for longer than a
 * connection attempt, and the fail-soft wrapper then leaves Redis alone for a few seconds.
 */
export function createRedisCacheBackend(options: RedisCacheBackendOptions): CacheBackend {
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  const store = new KeyvRedis<string>(
    {
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: connectTimeoutMs,
        // Reconnect in the background, backing off to one attempt every 2 s.
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
      },
    },
    { namespace: 'govgraph', throwOnConnectError: true, throwOnErrors: true, connectionTimeout: connectTimeoutMs },
  );
  const keyv = new Keyv<string>({ store, namespace: 'govgraph', useKeyPrefix: false });
  keyv.throwOnErrors = true;
  // Failures are reported by FailSoftCache, once per outage; without a listener an 'error' event
  // could end the process.
  keyv.on('error', () => {});
  store.on('error', () => {});
  // The adapter's types name keyv's CommonJS declarations, ours its ESM ones: the same class.
  const failSoft = new FailSoftCache(new KeyvAdapter<string>(keyv as never), options.logger);
  return {
    kind: 'redis',
    entries: failSoft,
    generations: failSoft.strict,
    close: async () => {
      await store.disconnect().catch(() => undefined);
    },
  };
}
