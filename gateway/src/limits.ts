// Operation limits enforced with graphql-armor before anything is planned or fetched. Measured
// against the largest operations the project ships (see README "Operation limits"):
// report/operations/annual-report.graphql: depth 5, cost 11 659, 10 aliases, 29 directives,
// 798 tokens; test/operations/annual-figures.graphql: depth 3, cost 204, 287 tokens; the
// cross-domain department scorecard of test/cross-domain.e2e.ts: depth 8, cost 37 777 (armor's
// cost grows by 1.5x per level, so deep selections dominate). Each limit leaves headroom over
// the largest of these; a depth-50 query or 1000 aliases is far past them.
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxDirectives: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 50,
  maxCost: 50_000,
  maxTokens: 5_000,
  maxDirectives: 50,
};

