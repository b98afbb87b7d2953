/**
 * The subgraphs this repository ships, in one place, so that the compose script, the start
 * command and the tests agree on names, default ports and SDL files. The gateway itself does not
 * read this: it serves whatever supergraph it is given.
 */
export const SUBGRAPHS = [
  { name: 'service-items', port: 4001 },
  { name: 'certificates', port: 4002 },
  { name: 'cloud', port: 4003 },
  { name: 'hotline', port: 4004 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export function subgraphPort(name: SubgraphName): number {
  const entry = SUBGRAPHS.find((s) => s.name === name);
  if (!entry) throw new Error(`unknown subgraph ${name}`);
  return entry.port;
}

/** `SERVICE_ITEMS` for `service-items`: the form used in environment variable names. */
export function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}
