// Caller authentication at the gateway: verifies the bearer JWT (HS256 shared secret, or keys
// from a JWKS URL or file), checks issuer, audience and lifetime with bounded clock skew, pins the
// algorithms (never `none`), and turns the claims into a Viewer. No token: the public viewer.
import { readFileSync } from 'node:fs';
import { GraphQLError } from 'graphql';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import { ErrorCode, ensureDevJwtSecret, PUBLIC_VIEWER, viewerFromClaims, type Viewer } from '@govgraph/core';
import type { Env } from './config.js';
import { DEFAULT_VERIFIED_TOKEN_CACHE_SIZE, VerifiedTokenCache } from './verified-token-cache.js';

export const DEFAULT_JWT_ISSUER = 'govgraph-dev';
export const DEFAULT_JWT_AUDIENCE = 'govgraph';
export const MAX_CLOCK_SKEW_SECONDS = 30;
/** Asymmetric algorithms accepted from a JWKS; HS256 alone for a shared secret. */
export const JWKS_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

export type AuthKeySource =
  | { kind: 'secret'; secret: string }
  | { kind: 'jwks-url'; url: string }
  | { kind: 'jwks-file'; file: string };

export interface AuthConfig {
  keys: AuthKeySource;
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** GOVGRAPH_VERIFIED_TOKEN_CACHE_SIZE: callers remembered after verification (0: verify every request). */
  verifiedTokenCacheSize: number;
}

/**
 * Where the keys come from: GOVGRAPH_JWT_SECRET, GOVGRAPH_JWKS_URL or GOVGRAPH_JWKS_FILE (exactly
 * one). Outside production, with none configured, the development secret file shared with
 * `npm run token`; in production none configured is an error, and the gateway does not start.
 */
export function loadAuthConfig(env: Env, production: boolean): AuthConfig {
  const configured = [
    env.GOVGRAPH_JWT_SECRET ? ({ kind: 'secret', secret: env.GOVGRAPH_JWT_SECRET } as const) : undefined,
    env.GOVGRAPH_JWKS_URL ? ({ kind: 'jwks-url', url: env.GOVGRAPH_JWKS_URL } as const) : undefined,
    env.GOVGRAPH_JWKS_FILE ? ({ kind: 'jwks-file', file: env.GOVGRAPH_JWKS_FILE } as const) : undefined,
  ].filter((k) => k !== undefined);
  if (configured.length > 1) {
    throw new Error('Set only one of GOVGRAPH_JWT_SECRET, GOVGRAPH_JWKS_URL and GOVGRAPH_JWKS_FILE');
  }
  let keys: AuthKeySource;
  if (configured[0]) {
    keys = configured[0];
  } else if (production) {
    throw new Error('No token verification key: set GOVGRAPH_JWT_SECRET, GOVGRAPH_JWKS_URL or GOVGRAPH_JWKS_FILE');
  } else {
    keys = { kind: 'secret', secret: ensureDevJwtSecret() };
  }
  if (keys.kind === 'secret' && Buffer.byteLength(keys.secret) < 32) {
    throw new Error('GOVGRAPH_JWT_SECRET must be at least 32 bytes');
  }
  const skew = env.GOVGRAPH_JWT_CLOCK_SKEW_SECONDS ? Number(env.GOVGRAPH_JWT_CLOCK_SKEW_SECONDS) : MAX_CLOCK_SKEW_SECONDS;
  if (!Number.isFinite(skew) || skew < 0 || skew > MAX_CLOCK_SKEW_SECONDS) {
    throw new Error(`GOVGRAPH_JWT_CLOCK_SKEW_SECONDS must be between 0 and ${MAX_CLOCK_SKEW_SECONDS}`);
  }
  const cacheSize = env.GOVGRAPH_VERIFIED_TOKEN_CACHE_SIZE ?? String(DEFAULT_VERIFIED_TOKEN_CACHE_SIZE);
  if (!/^\d+$/.test(cacheSize.trim())) {
    throw new Error(`GOVGRAPH_VERIFIED_TOKEN_CACHE_SIZE must be a whole number of tokens (0 turns the cache off), got "${cacheSize}"`);
  }
  return {
    keys,
    verifiedTokenCacheSize: Number(cacheSize),
    issuer: env.GOVGRAPH_JWT_ISSUER || DEFAULT_JWT_ISSUER,
    audience: env.GOVGRAPH_JWT_AUDIENCE || DEFAULT_JWT_AUDIENCE,
    clockToleranceSeconds: skew,
  };
}

export function unauthenticatedError(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

/** Why a token was refused, in words a client developer can act on (never the token itself). */
function refusal(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'the token is not valid yet';
    if (error.claim === 'aud') return 'the token is not meant for this service (audience)';
    if (error.claim === 'iss') return 'the token was issued by an unknown issuer';
    return `the token's "${error.claim}" claim is invalid`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm that is not accepted';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'the token is signed with an unknown key';
  return 'the token is malformed';
}

export type Authenticator = (authorization: string | string[] | undefined) => Promise<Viewer>;

export function createAuthenticator(config: AuthConfig): Authenticator {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[];
  switch (config.keys.kind) {
    case 'secret':
      key = new TextEncoder().encode(config.keys.secret);
      algorithms = ['HS256'];
      break;
    case 'jwks-url':
      key = createRemoteJWKSet(new URL(config.keys.url));
      algorithms = JWKS_ALGORITHMS;
      break;
    case 'jwks-file':
      key = createLocalJWKSet(JSON.parse(readFileSync(config.keys.file, 'utf8')));
      algorithms = JWKS_ALGORITHMS;
      break;
  }
  const options: JWTVerifyOptions = {
    algorithms,
    issuer: config.issuer,
    audience: config.audience,
    clockTolerance: config.clockToleranceSeconds,
    requiredClaims: ['exp'],
  };

  const verified = config.verifiedTokenCacheSize > 0 ? new VerifiedTokenCache(config.verifiedTokenCacheSize) : undefined;

  return async (authorization) => {
    const header = Array.isArray(authorization) ? authorization[0] : authorization;
    if (header === undefined || header.trim() === '') return PUBLIC_VIEWER;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw unauthenticatedError('Authorization header must be "Bearer <token>"');
    const token = match[1]!;
    const remembered = verified?.get(token);
    if (remembered) return remembered;
    try {
      const { payload } = key instanceof Uint8Array ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      const viewer = viewerFromClaims(payload as Record<string, unknown>);
      verified?.remember(token, { viewer, exp: payload.exp!, ...(payload.nbf !== undefined ? { nbf: payload.nbf } : {}) });
      return viewer;
    } catch (error) {
      throw unauthenticatedError(`Invalid bearer token: ${refusal(error)}`);
    }
  };
}

export interface CallerTokenInput {
  secret: string;
  sub?: string;
  scope?: string;
  roles?: string[];
  dept?: string;
  /** A jose time span: `1h`, `15m`, `7d`. Default 1h. */
  ttl?: string;
  issuer?: string;
  audience?: string;
}

/** Signs an HS256 caller token as the identity provider would: for `npm run token` and tests. */
export async function mintCallerToken(input: CallerTokenInput): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT({
    ...(input.scope ? { scope: input.scope } : {}),
    ...(input.roles?.length ? { roles: input.roles } : {}),
    ...(input.dept ? { dept: input.dept } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(input.sub ?? 'developer')
    .setIssuer(input.issuer ?? DEFAULT_JWT_ISSUER)
    .setAudience(input.audience ?? DEFAULT_JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(input.ttl ?? '1h')
    .sign(new TextEncoder().encode(input.secret));
}
