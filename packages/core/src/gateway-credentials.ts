// Trust between the gateway and the subgraphs. The gateway verifies the caller's own token, then
// sends each subgraph fetch with a short-lived JWT of its own (HS256 with GOVGRAPH_INTERNAL_SECRET)
// that carries the verified claims and the request id. A subgraph believes the claims only when
// that token verifies: signed with the shared secret, meant for this subgraph (audience), fresh,
// and never seen before (its `jti`), so a captured header cannot be replayed.
//
// These tokens are signed and checked with fast-jwt (node:crypto HMAC, synchronous), not jose: jose
// goes through WebCrypto, whose HMAC costs ~0.25 ms a call on the libuv pool, and every subgraph
// fetch pays one signature at the gateway and one verification at the subgraph (docs/performance.md).
// The tokens are ordinary compact JWS, so jose verifies them too (a test keeps it that way).
import { randomUUID } from 'node:crypto';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors.js';
import { viewerFromClaims, PUBLIC_VIEWER, type Viewer } from './viewer.js';

export const GATEWAY_TOKEN_HEADER = 'x-govgraph-gateway-token';
export const GATEWAY_TOKEN_ISSUER = 'govgraph-gateway';
/** How long a gateway token is valid: one subgraph fetch, with room for clock drift. */
export const GATEWAY_TOKEN_TTL_SECONDS = 30;
const CLOCK_TOLERANCE_SECONDS = 5;
const MIN_SECRET_BYTES = 32;

/**
 * A fixed, public secret for development and tests only. Used when GOVGRAPH_INTERNAL_SECRET is
 * unset, NODE_ENV is `development` or `test`, and GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET=true: a
 * deliberate opt-in, so a production deployment that forgot the secret refuses to start instead.
 */
export const DEV_INTERNAL_SECRET = 'govgraph-development-only-internal-secret-do-not-deploy';

type Env = Record<string, string | undefined>;

export class MissingSecretError extends Error {}

/** The shared gateway↔subgraph secret, or a clear reason to refuse to start. */
export function resolveInternalSecret(env: Env = process.env): Uint8Array {
  const configured = env.GOVGRAPH_INTERNAL_SECRET;
  if (configured !== undefined && configured !== '') {
    if (Buffer.byteLength(configured) < MIN_SECRET_BYTES) {
      throw new MissingSecretError(`GOVGRAPH_INTERNAL_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
    }
    return new TextEncoder().encode(configured);
  }
  const devEnv = env.NODE_ENV === 'development' || env.NODE_ENV === 'test';
  if (devEnv && env.GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET === 'true') return new TextEncoder().encode(DEV_INTERNAL_SECRET);
  throw new MissingSecretError(
    'GOVGRAPH_INTERNAL_SECRET is not set: the gateway and the subgraphs need a shared secret ' +
      '(in development, `npm start` generates one; for tests set GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET=true with NODE_ENV=test)',
  );
}

export interface GatewayTokenInput {
  /** The subgraph the token is for (its name, e.g. `cloud`): the audience. */
  audience: string;
  viewer: Viewer;
  requestId: string;
  secret: Uint8Array;
  ttlSeconds?: number;
}

type Signer = (payload: Record<string, unknown>) => string;
/** One signer per secret: fast-jwt prepares the HMAC key once. */
const signers = new WeakMap<Uint8Array, Signer>();

function signerFor(secret: Uint8Array): Signer {
  let signer = signers.get(secret);
  if (!signer) {
    signer = createSigner({ key: Buffer.from(secret), algorithm: 'HS256', iss: GATEWAY_TOKEN_ISSUER });
    signers.set(secret, signer);
  }
  return signer;
}

/** Signs the gateway's token for one subgraph fetch (`iat` is added by the signer). */
export async function mintGatewayToken(input: GatewayTokenInput): Promise<string> {
  const { viewer } = input;
  const ttlSeconds = Math.min(input.ttlSeconds ?? GATEWAY_TOKEN_TTL_SECONDS, 60);
  return signerFor(input.secret)({
    auth: viewer.authenticated,
    roles: [...viewer.roles],
    scope: viewer.scopes.join(' '),
    ...(viewer.dept ? { dept: viewer.dept } : {}),
    rid: input.requestId,
    aud: input.audience,
    sub: viewer.sub ?? 'public',
    jti: randomUUID(),
    exp: Math.floor(Date.now() / 1000) + ttlSeconds,
  });
}

/**
 * Remembers the `jti` of every accepted token until it expires. Bounded: when full, the entries
 * closest to expiry are dropped first (a dropped one is at most `ttl` seconds from being useless).
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  constructor(private readonly maxEntries = 100_000) {}

  /** True the first time a jti is offered (and records it), false on a replay. */
  firstUse(jti: string, expiresAtMs: number, nowMs = Date.now()): boolean {
    if (this.seen.has(jti)) return false;
    if (this.seen.size >= this.maxEntries) this.prune(nowMs);
    while (this.seen.size >= this.maxEntries) {
      const oldest = this.seen.keys().next().value as string;
      this.seen.delete(oldest);
    }
    this.seen.set(jti, expiresAtMs);
    return true;
  }

  prune(nowMs = Date.now()): void {
    for (const [jti, exp] of this.seen) if (exp <= nowMs) this.seen.delete(jti);
  }

  get size(): number {
    return this.seen.size;
  }
}

export interface VerifiedGatewayCall {
  viewer: Viewer;
  /** The request id the gateway assigned. */
  requestId: string | undefined;
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export interface GatewayTokenVerifier {
  verify(token: string | string[] | undefined): Promise<VerifiedGatewayCall>;
}

export interface GatewayTokenVerifierOptions {
  audience: string;
  secret: Uint8Array;
  replayCache?: ReplayCache;
  /**
   * Who a call WITHOUT a token is, when such calls are let in (development and benchmarks only,
   * see unsigned-calls.ts). Unset: they are refused. A call with a token is verified either way.
   */
  unsignedCaller?: Viewer;
}

/** A subgraph's check of the gateway token; one per process (it owns the replay cache). */
export function createGatewayTokenVerifier(options: GatewayTokenVerifierOptions): GatewayTokenVerifier {
  const cache = options.replayCache ?? new ReplayCache();
  const verifyToken = createVerifier({
    key: Buffer.from(options.secret),
    algorithms: ['HS256'],
    allowedIss: GATEWAY_TOKEN_ISSUER,
    allowedAud: options.audience,
    clockTolerance: CLOCK_TOLERANCE_SECONDS * 1000,
    requiredClaims: ['exp', 'iat', 'jti'],
    maxAge: (60 + CLOCK_TOLERANCE_SECONDS) * 1000,
  });
  let calls = 0;
  return {
    async verify(header) {
      const token = Array.isArray(header) ? header[0] : header;
      if (!token && options.unsignedCaller) return { viewer: options.unsignedCaller, requestId: undefined };
      if (!token) throw unauthenticated('This service is reachable only through the GovGraph gateway: gateway credentials are missing');
      let payload: Record<string, unknown>;
      try {
        payload = verifyToken(token) as Record<string, unknown>;
      } catch (error) {
        const reason = error instanceof TokenError && error.code === TokenError.codes.expired ? 'expired' : 'invalid';
        throw unauthenticated(`Gateway credentials are ${reason}`);
      }
      if (typeof payload.jti !== 'string' || typeof payload.exp !== 'number') throw unauthenticated('Gateway credentials are invalid');
      if (++calls % 1000 === 0) cache.prune();
      if (!cache.firstUse(payload.jti, payload.exp * 1000 + CLOCK_TOLERANCE_SECONDS * 1000)) {
        throw unauthenticated('Gateway credentials were already used');
      }
      const viewer = payload.auth === true ? viewerFromClaims(payload) : PUBLIC_VIEWER;
      return { viewer, requestId: typeof payload.rid === 'string' ? payload.rid : undefined };
    },
  };
}

/**
 * Headers for calling a subgraph directly as the gateway would, for tests and tools run with the
 * same secret: `{ 'x-govgraph-gateway-token': ... }`.
 */
export async function gatewayCredentialHeaders(
  audience: string,
  viewer: Viewer = PUBLIC_VIEWER,
  secret: Uint8Array = resolveInternalSecret(),
): Promise<Record<string, string>> {
  return { [GATEWAY_TOKEN_HEADER]: await mintGatewayToken({ audience, viewer, requestId: randomUUID(), secret }) };
}
