// The gateways the benchmark compares, all over the same supergraph and the same subgraphs.
export const GATEWAY_TARGETS = ['govgraph', 'govgraph-cache', 'apollo', 'hive'] as const;
export type GatewayTarget = (typeof GATEWAY_TARGETS)[number];
/** The hotline subgraph itself, for the `direct` scenario. */
export const DIRECT_TARGET = 'direct';
export type TargetName = GatewayTarget | typeof DIRECT_TARGET;

export const TARGET_LABELS: Record<TargetName, string> = {
  govgraph: 'GovGraph (cache off)',
  'govgraph-cache': 'GovGraph (cache on)',
  apollo: 'stock @apollo/gateway',
  hive: 'Hive Gateway',
  direct: 'hotline subgraph, direct',
};

export function isGatewayTarget(name: string): name is GatewayTarget {
  return (GATEWAY_TARGETS as readonly string[]).includes(name);
}
