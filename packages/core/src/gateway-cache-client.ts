// How a process that changes a subgraph's data (an importer) tells the gateway to stop serving
// cached responses that read from that subgraph: `POST /internal/cache/invalidate` with a token
// signed with GOVGRAPH_INTERNAL_SECRET for the audience `gateway`, the same kind of short-lived,
// single-use token the gateway sends the subgraphs.
import { randomUUID } from 'node:crypto';
import { GATEWAY_TOKEN_HEADER, mintGatewayToken, resolveInternalSecret } from './gateway-credentials.js';
import { PUBLIC_VIEWER } from './viewer.js';

export const CACHE_INVALIDATION_PATH = '/internal/cache/invalidate';
/** The audience of the internal tokens the gateway accepts for itself. */
export const GATEWAY_AUDIENCE = 'gateway';
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000';

export type CacheInvalidationOutcome =
  | { ok: true; subgraph: string; generation?: string }
  | { ok: false; subgraph: string; reason: string; status?: number };

export interface InvalidateGatewayCacheOptions {
  /** The gateway's base URL. Default: GOVGRAPH_GATEWAY_URL, else http://127.0.0.1:4000. */
  gatewayUrl?: string;
  /** The internal secret. Default: GOVGRAPH_INTERNAL_SECRET (see resolveInternalSecret). */
  secret?: Uint8Array | string;
  /** Bound on the whole call. Default 5 s. */
  timeoutMs?: number;
  /** Where the outcome is reported. Default: the console. */
  logger?: { info(message: string): void; warn(message: string): void };
  env?: Record<string, string | undefined>;
}

/**
 * Asks the gateway to invalidate its cached responses for one subgraph. Never throws: cached
 * responses also expire by their maxAge, so a gateway that cannot be told (down, not configured)
 * only means the old figures stay visible a few minutes longer. The outcome is returned and
 * logged.
 */
export async function invalidateGatewayCache(
  subgraph: string,
  options: InvalidateGatewayCacheOptions = {},
): Promise<CacheInvalidationOutcome> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? { info: console.info, warn: console.warn };
  const failed = (reason: string, status?: number): CacheInvalidationOutcome => {
    logger.warn(`Gateway cache for ${subgraph} not invalidated: ${reason}; cached responses expire by their maxAge`);
    return { ok: false, subgraph, reason, ...(status !== undefined ? { status } : {}) };
  };
  try {
    const url = new URL(CACHE_INVALIDATION_PATH, options.gatewayUrl ?? env.GOVGRAPH_GATEWAY_URL ?? DEFAULT_GATEWAY_URL);
    const secret =
      typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : (options.secret ?? resolveInternalSecret(env));
    const token = await mintGatewayToken({ audience: GATEWAY_AUDIENCE, viewer: PUBLIC_VIEWER, requestId: randomUUID(), secret });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [GATEWAY_TOKEN_HEADER]: token },
      body: JSON.stringify({ subgraph }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    const body = (await response.json().catch(() => null)) as
      | { generation?: string; errors?: { message?: string }[] }
      | null;
    if (!response.ok) return failed(body?.errors?.[0]?.message ?? `HTTP ${response.status}`, response.status);
    logger.info(`Gateway cache for ${subgraph} invalidated`);
    return { ok: true, subgraph, ...(typeof body?.generation === 'string' ? { generation: body.generation } : {}) };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The `onCommitted` hook of a subgraph's imports: after an import changed data, tells the gateway
 * at GOVGRAPH_GATEWAY_URL to drop that subgraph's cached answers. Without GOVGRAPH_GATEWAY_URL
 * there is no gateway to tell (a CLI run against a database nobody serves, tests), so nothing is
 * sent and cached answers age out by their maxAge.
 */
export function invalidateGatewayCacheAfterImport(
  subgraph: string,
  options: InvalidateGatewayCacheOptions = {},
): () => Promise<void> {
  return async () => {
    const env = options.env ?? process.env;
    if (!options.gatewayUrl && !env.GOVGRAPH_GATEWAY_URL) return;
    await invalidateGatewayCache(subgraph, options);
  };
}
