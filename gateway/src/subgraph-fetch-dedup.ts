// In-flight deduplication of subgraph fetches. Dashboards refresh the same statistics at the same
// moment, so identical operations often run concurrently and their query plans send identical
// fetches to the same subgraph. While one such fetch is in flight, the others wait for its answer
// instead of sending their own. Only queries, and only between callers who would send the same
// credentials: the key holds everything of the caller a subgraph sees (the per-fetch token is
// minted after this point, for the one fetch actually sent).
import type { Viewer } from '@govgraph/core';

/** What identifies one subgraph fetch for sharing. */
export interface FetchIdentity {
  query: string;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
  viewer: Viewer;
}

/**
 * The key: the operation, its variables and the caller. The caller's `sub` is part of it too, so
 * that no two users ever share an answer, even if some subgraph one day answered per user.
 */
export function fetchKey({ query, operationName, variables, viewer }: FetchIdentity): string {
  return JSON.stringify([
    query,
    operationName ?? null,
    variables ?? null,
    viewer.sub,
    viewer.authenticated,
    [...viewer.scopes].sort(),
    [...viewer.roles].sort(),
    viewer.dept,
  ]);
}

/** Subgraph operations printed by the query planner start with their keyword (or `{`). */
export function isQueryOperation(query: string): boolean {
  return !/^\s*(mutation|subscription)\b/.test(query);
}

interface Flight<T> {
  promise: Promise<T>;
  followers: number;
  /** Makes a follower's copy; taken from the leader's answer before the leader can change it. */
  copy?: () => T;
}

/**
 * Shares one fetch among concurrent identical callers. The first caller (the leader) runs it and
 * gets the result as is; every follower gets its own deep copy, because the gateway merges fetched
 * data into each request's result objects in place.
 */
export class InFlightFetches<T> {
  private readonly flights = new Map<string, Flight<T>>();
  private shared = 0;

  /**
   * @param freeze called once per shared answer, as soon as it arrives: returns a function that
   *   makes an independent copy of it for each follower.
   */
  constructor(private readonly freeze: (result: T) => () => T) {}

  /** How many fetches were answered by another's flight instead of being sent. */
  get sharedCount(): number {
    return this.shared;
  }

  /** Runs `fetch`, or joins the identical one in flight; `led` says which happened. */
  run(key: string, fetch: () => Promise<T>): { led: boolean; result: Promise<T> } {
    const existing = this.flights.get(key);
    if (existing) {
      existing.followers += 1;
      this.shared += 1;
      return { led: false, result: existing.promise.then(() => existing.copy!()) };
    }
    const flight: Flight<T> = { followers: 0, promise: undefined as unknown as Promise<T> };
    flight.promise = fetch().then(
      (result) => {
        this.flights.delete(key);
        // Runs before the leader's and the followers' continuations: nobody has touched it yet.
        if (flight.followers > 0) flight.copy = this.freeze(result);
        return result;
      },
      (error: unknown) => {
        this.flights.delete(key);
        throw error;
      },
    );
    this.flights.set(key, flight);
    return { led: true, result: flight.promise };
  }
}
