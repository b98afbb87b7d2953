// The gateway's query plan cache, given to ApolloGateway as `queryPlannerConfig.cache`.
//
// @apollo/gateway 2.14 keeps plans in an in-memory LRU keyed by the operation's document hash and
// operation name, bounded by an approximate size (the JSON length of each plan):
// `experimental_approximateQueryPlanStoreMiB`, default 30 MiB. It is cleared whenever the
// supergraph changes. Supplying the cache ourselves keeps the same behaviour with a bound sized for
// this graph's operations, and lets us count how often the planner actually ran: the gateway
// stores a plan right after building it, so every `set` is one planning.
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { QueryPlan } from '@apollo/query-planner';

/**
 * Measured on the operations this project ships (see README, "Caching"): the largest plan, the
 * annual report's, is about 60 KiB as JSON and a dashboard scorecard about 10 KiB, so 8 MiB holds
 * well over a hundred distinct operations of that size, several times the set our clients send,
 * while explorer experiments cannot grow the heap by more than that.
 */
export const DEFAULT_QUERY_PLAN_CACHE_MIB = 8;

export class QueryPlanCache {
  private readonly plans: InMemoryLRUCache<QueryPlan>;
  private built = 0;

  constructor(maxMiB: number = DEFAULT_QUERY_PLAN_CACHE_MIB) {
    this.plans = new InMemoryLRUCache<QueryPlan>({ maxSize: Math.round(maxMiB * 2 ** 20) });
  }

  /** How many plans the planner has built since start: repeated operations must not add to it. */
  get plansBuilt(): number {
    return this.built;
  }

  get(key: string): Promise<QueryPlan | undefined> {
    return this.plans.get(key);
  }

  set(key: string, plan: QueryPlan, options?: { ttl?: number | null }): Promise<void> {
    this.built += 1;
    return this.plans.set(key, plan, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.plans.delete(key);
  }

  clear(): void {
    this.plans.clear();
  }
}
