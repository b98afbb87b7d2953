// Which subgraphs an operation reads from, so that a cached response is keyed only by the
// generations of those subgraphs and invalidating the hotline leaves, say, a catalogue-only
// response cached. Learned from the query plans the gateway resolves (its plan is the only exact
// answer); until an operation has been planned once in this process, every subgraph counts.
import type { ConditionNode, PlanNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import { LRUCache } from 'lru-cache';

/** Every subgraph a plan may fetch from, sorted; both branches of a @skip/@include condition count. */
export function subgraphsInPlan(plan: QueryPlan): string[] {
  const names = new Set<string>();
  const visit = (node: PlanNode | SubscriptionNode | undefined): void => {
    if (!node) return;
    switch (node.kind) {
      case 'Fetch':
        names.add(node.serviceName);
        break;
      case 'Sequence':
      case 'Parallel':
        node.nodes.forEach(visit);
        break;
      case 'Flatten':
        visit(node.node);
        break;
      case 'Defer':
        visit(node.primary.node);
        for (const deferred of node.deferred) visit(deferred.node);
        break;
      case 'Condition':
        visit((node as ConditionNode).ifClause);
        visit((node as ConditionNode).elseClause);
        break;
      case 'Subscription':
        visit(node.primary);
        visit(node.rest);
        break;
    }
  };
  visit(plan.node);
  return [...names].sort();
}

/** How an operation is identified, as the gateway's own plan cache does: document hash and name. */
export interface OperationIdentity {
  queryHash: string;
  operationName?: string | null | undefined;
}

export class OperationSubgraphs {
  private readonly learned = new LRUCache<string, readonly string[]>({ max: 10_000 });
  // The plan object is cached by the gateway and handed to us on every request: walk it once.
  private readonly walked = new WeakMap<QueryPlan, readonly string[]>();
  private all: readonly string[] = [];

  /** A new supergraph: plans are rebuilt, so what was learned from the old ones is dropped. */
  resetSubgraphs(names: readonly string[]): void {
    this.all = [...names].sort();
    this.learned.clear();
  }

  /** Called with each request's resolved plan (ApolloGateway's experimental_didResolveQueryPlan). */
  record(operation: OperationIdentity, plan: QueryPlan): void {
    let names = this.walked.get(plan);
    if (!names) {
      names = subgraphsInPlan(plan);
      this.walked.set(plan, names);
    }
    this.learned.set(keyOf(operation), names);
  }

  /** The subgraphs the operation reads from, or every subgraph while that is not known yet. */
  of(operation: OperationIdentity): readonly string[] {
    return this.learned.get(keyOf(operation)) ?? this.all;
  }
}

function keyOf({ queryHash, operationName }: OperationIdentity): string {
  return `${queryHash}\u0000${operationName ?? ''}`;
}
