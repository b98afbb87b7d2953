// What the peer gateway processes are told by the benchmark, through their environment.
export const SUPERGRAPH_FILE_ENV = 'BENCH_SUPERGRAPH_FILE';

export interface PeerSettings {
  /** A file holding the supergraph SDL to serve. */
  supergraphSdl: string;
  port: number;
}

export function peerSettings(env: Record<string, string | undefined> = process.env): PeerSettings {
  const file = env[SUPERGRAPH_FILE_ENV];
  const port = Number(env.PORT);
  if (!file) throw new Error(`${SUPERGRAPH_FILE_ENV} must name the supergraph file`);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`PORT must be a port number, got "${env.PORT ?? ''}"`);
  return { supergraphSdl: file, port };
}
