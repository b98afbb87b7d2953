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
 * Measured on the operations this project ships (plan JSON): the annual report 4.1 KiB, the 2021
 * figures 2.5 KiB, the department scorecard 2.4 KiB, the hotline trend and the item search 1.1 KiB
 * each. 2 MiB holds about 500 plans the size of the largest, far more than the operations our
 * dashboards, reports and explorer examples send, while keeping what ad-hoc explorer queries can
 * pin in the heap small (a plan object takes several times its JSON length there). A plan is
 * expensive to rebuild (the annual report's first request took about 0.6 s on a 2-core machine,
 * its second 11 ms), so the bound is set for "never evicted in practice", not for tightness.
 */
export const DEFAULT_QUERY_PLAN_CACHE_MIB = 2;

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
