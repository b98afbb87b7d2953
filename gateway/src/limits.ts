// Operation limits enforced with graphql-armor before anything is planned or fetched. Measured
// against the largest operations the project ships (see README "Operation limits"):
// report/operations/annual-report.graphql: depth 5, cost 11 659, 10 aliases, 29 directives,
// 798 tokens; test/operations/annual-figures.graphql: depth 3, cost 204, 287 tokens; the
// cross-domain department scorecard: depth 7.
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxDirectives: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxCost: 25_000,
  maxTokens: 3_000,
  maxDirectives: 50,
};
