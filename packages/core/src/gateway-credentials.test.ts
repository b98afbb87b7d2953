import { jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createGatewayTokenVerifier,
  DEV_INTERNAL_SECRET,
  mintGatewayToken,
  ReplayCache,
  resolveInternalSecret,
} from './gateway-credentials.js';
import { PUBLIC_VIEWER, viewerWith } from './viewer.js';

const secret = new TextEncoder().encode('s'.repeat(40));
const other = new TextEncoder().encode('o'.repeat(40));

async function codeOf(promise: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { extensions?: { code?: unknown; http?: { status?: number } }; message: string };
    expect(e.extensions?.http?.status).toBe(401);
    return { code: e.extensions?.code, message: e.message };
  }
  throw new Error('expected a refusal');
}

describe('gateway credentials', () => {
  it('carry the verified caller and the request id to the subgraph they are meant for', async () => {
    const verifier = createGatewayTokenVerifier({ audience: 'hotline', secret });
    const viewer = viewerWith(['workorders:read', 'pii:read'], { sub: 'alice', dept: '11440800MB2C95227X' });
    const token = await mintGatewayToken({ audience: 'hotline', viewer, requestId: 'r-1', secret });
    const verified = await verifier.verify(token);
    expect(verified.requestId).toBe('r-1');
    expect(verified.viewer).toMatchObject({ sub: 'alice', authenticated: true, scopes: ['workorders:read', 'pii:read'], dept: '11440800MB2C95227X' });
  });

  it('keep the public caller public', async () => {
    const verifier = createGatewayTokenVerifier({ audience: 'cloud', secret });
    const token = await mintGatewayToken({ audience: 'cloud', viewer: PUBLIC_VIEWER, requestId: 'r', secret });
    expect((await verifier.verify(token)).viewer).toEqual(PUBLIC_VIEWER);
  });

  it('refuse a missing, forged, misdirected, replayed or expired token as UNAUTHENTICATED', async () => {
    const verifier = createGatewayTokenVerifier({ audience: 'cloud', secret });
    expect(await codeOf(verifier.verify(undefined))).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/missing/) });
    const forged = await mintGatewayToken({ audience: 'cloud', viewer: PUBLIC_VIEWER, requestId: 'r', secret: other });
    expect((await codeOf(verifier.verify(forged))).code).toBe('UNAUTHENTICATED');
    const misdirected = await mintGatewayToken({ audience: 'hotline', viewer: PUBLIC_VIEWER, requestId: 'r', secret });
    expect((await codeOf(verifier.verify(misdirected))).code).toBe('UNAUTHENTICATED');
    const once = await mintGatewayToken({ audience: 'cloud', viewer: PUBLIC_VIEWER, requestId: 'r', secret });
    await verifier.verify(once);
    expect(await codeOf(verifier.verify(once))).toMatchObject({ message: expect.stringMatching(/already used/) });
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ auth: false })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('govgraph-gateway')
      .setAudience('cloud')
      .setIssuedAt(now - 120)
      .setExpirationTime(now - 90)
      .setJti('x')
      .sign(secret);
    expect(await codeOf(verifier.verify(expired))).toMatchObject({ message: expect.stringMatching(/expired/) });
    const noJti = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('govgraph-gateway').setAudience('cloud').setIssuedAt().setExpirationTime('30s').sign(secret);
    expect((await codeOf(verifier.verify(noJti))).code).toBe('UNAUTHENTICATED');
  });

  it('refuse an unsigned token, another algorithm, and a token issued too long ago even if it claims to be fresh', async () => {
    const verifier = createGatewayTokenVerifier({ audience: 'cloud', secret });
    const unsigned = new UnsecuredJWT({ auth: true, scope: 'pii:read' }).setIssuer('govgraph-gateway').setAudience('cloud').setIssuedAt().setExpirationTime('30s').setJti('u').encode();
    expect((await codeOf(verifier.verify(unsigned))).code).toBe('UNAUTHENTICATED');
    const hs512 = await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setIssuer('govgraph-gateway').setAudience('cloud').setIssuedAt().setExpirationTime('30s').setJti('h').sign(secret);
    expect((await codeOf(verifier.verify(hs512))).code).toBe('UNAUTHENTICATED');
    const now = Math.floor(Date.now() / 1000);
    const longLived = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('govgraph-gateway').setAudience('cloud').setIssuedAt(now - 600).setExpirationTime(now + 600).setJti('l').sign(secret);
    expect((await codeOf(verifier.verify(longLived))).code).toBe('UNAUTHENTICATED');
  });

  it('are standard JWTs: any JOSE library checks them with the shared secret', async () => {
    const token = await mintGatewayToken({ audience: 'hotline', viewer: viewerWith(['workorders:read'], { sub: 'bob' }), requestId: 'r-3', secret });
    const { payload, protectedHeader } = await jwtVerify(token, secret, { issuer: 'govgraph-gateway', audience: 'hotline', algorithms: ['HS256'] });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'bob', scope: 'workorders:read', rid: 'r-3', auth: true });
    expect(payload.exp! - payload.iat!).toBe(30);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('gateway credentials with unsigned calls let in (benchmarks only)', () => {
  const unsignedCaller = viewerWith(['cloud:read'], { sub: 'unsigned-caller' });

  it('take a call without a token as the configured caller', async () => {
    const verifier = createGatewayTokenVerifier({ audience: 'cloud', secret, unsignedCaller });
    expect(await verifier.verify(undefined)).toEqual({ viewer: unsignedCaller, requestId: undefined });
    expect((await verifier.verify([])).viewer).toBe(unsignedCaller);
  });

  it('still verify a call that carries a token, in full', async () => {
    const verifier = createGatewayTokenVerifier({ audience: 'cloud', secret, unsignedCaller });
    const alice = viewerWith(['pii:read'], { sub: 'alice' });
    const token = await mintGatewayToken({ audience: 'cloud', viewer: alice, requestId: 'r-2', secret });
    expect(await verifier.verify(token)).toEqual({ viewer: alice, requestId: 'r-2' });
    expect(await codeOf(verifier.verify(token))).toMatchObject({ message: expect.stringMatching(/already used/) });
    const forged = await mintGatewayToken({ audience: 'cloud', viewer: alice, requestId: 'r', secret: other });
    expect((await codeOf(verifier.verify(forged))).code).toBe('UNAUTHENTICATED');
    expect((await codeOf(verifier.verify('not-a-jwt'))).code).toBe('UNAUTHENTICATED');
  });
});

describe('ReplayCache', () => {
  it('remembers a jti until its expiry and stays within its bound', () => {
    const cache = new ReplayCache(2);
    expect(cache.firstUse('a', 1_000, 0)).toBe(true);
    expect(cache.firstUse('a', 1_000, 0)).toBe(false);
    cache.firstUse('b', 2_000, 0);
    cache.firstUse('c', 3_000, 0);
    expect(cache.size).toBe(2);
    cache.prune(2_500);
    expect(cache.size).toBe(1);
  });
});

describe('resolveInternalSecret', () => {
  it('takes the configured secret, refuses a short one, and falls back to the dev secret only on request in dev/test', () => {
    expect(new TextDecoder().decode(resolveInternalSecret({ GOVGRAPH_INTERNAL_SECRET: 'k'.repeat(32) }))).toBe('k'.repeat(32));
    expect(() => resolveInternalSecret({ GOVGRAPH_INTERNAL_SECRET: 'short' })).toThrow(/32 bytes/);
    expect(() => resolveInternalSecret({ NODE_ENV: 'development' })).toThrow(/GOVGRAPH_INTERNAL_SECRET/);
    expect(() => resolveInternalSecret({ NODE_ENV: 'production', GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET: 'true' })).toThrow();
    expect(new TextDecoder().decode(resolveInternalSecret({ NODE_ENV: 'test', GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET: 'true' }))).toBe(DEV_INTERNAL_SECRET);
  });
});
