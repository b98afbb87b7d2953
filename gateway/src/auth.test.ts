import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER } from '@govgraph/core';
import { createAuthenticator, loadAuthConfig, mintCallerToken } from './auth.js';

const SECRET = 'a-caller-token-secret-of-enough-length';
const config = loadAuthConfig({ GOVGRAPH_JWT_SECRET: SECRET }, true);
const authenticate = createAuthenticator(config);
const bearer = (token: string) => `Bearer ${token}`;

async function refusal(header: string): Promise<string> {
  try {
    await authenticate(header);
  } catch (error) {
    const e = error as { extensions: { code: string; http: { status: number } }; message: string; stack?: string };
    expect(e.extensions.code).toBe('UNAUTHENTICATED');
    expect(e.extensions.http.status).toBe(401);
    return e.message;
  }
  throw new Error('expected a refusal');
}

const now = () => Math.floor(Date.now() / 1000);
const base = () =>
  new SignJWT({ scope: 'cloud:read' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('govgraph-dev').setAudience('govgraph').setSubject('u');

describe('createAuthenticator (HS256)', () => {
  it('makes a caller without a token the public viewer', async () => {
    expect(await authenticate(undefined)).toBe(PUBLIC_VIEWER);
    expect(await authenticate('')).toBe(PUBLIC_VIEWER);
  });

  it('verifies a minted token into a viewer', async () => {
    const token = await mintCallerToken({ secret: SECRET, scope: 'workorders:read pii:read', dept: 'D1', sub: 'alice' });
    expect(await authenticate(bearer(token))).toMatchObject({ sub: 'alice', scopes: ['workorders:read', 'pii:read'], dept: 'D1' });
  });

  it('tolerates clock skew up to 30 s and no more', async () => {
    const slightlyLate = await base().setIssuedAt(now() - 120).setExpirationTime(now() - 20).sign(new TextEncoder().encode(SECRET));
    expect((await authenticate(bearer(slightlyLate))).sub).toBe('u');
    const expired = await base().setIssuedAt(now() - 120).setExpirationTime(now() - 40).sign(new TextEncoder().encode(SECRET));
    expect(await refusal(bearer(expired))).toMatch(/expired/);
  });

  it('refuses not-yet-valid, wrongly signed, wrong-audience, wrong-issuer, alg none and malformed tokens', async () => {
    const key = new TextEncoder().encode(SECRET);
    const future = await base().setNotBefore(now() + 600).setExpirationTime(now() + 1200).sign(key);
    expect(await refusal(bearer(future))).toMatch(/not valid yet/);
    const forged = await base().setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-that-is-long-enough!!'));
    expect(await refusal(bearer(forged))).toMatch(/signature/);
    const audience = await mintCallerToken({ secret: SECRET, audience: 'someone-else' });
    expect(await refusal(bearer(audience))).toMatch(/audience/);
    const issuer = await mintCallerToken({ secret: SECRET, issuer: 'evil' });
    expect(await refusal(bearer(issuer))).toMatch(/issuer/);
    const none = new UnsecuredJWT({ scope: 'workorders:read:all' }).setIssuer('govgraph-dev').setAudience('govgraph').setExpirationTime('1h').encode();
    expect(await refusal(bearer(none))).toMatch(/algorithm|malformed/);
    const noExp = await base().sign(key);
    expect(await refusal(bearer(noExp))).toMatch(/exp/);
    expect(await refusal('Basic dXNlcjpwYXNz')).toMatch(/Bearer/);
    expect(await refusal(bearer('not.a.jwt'))).toMatch(/malformed/);
  });
});

describe('createAuthenticator remembering verified tokens', () => {
  it('verifies a token once and answers its repeats from memory, unless the cache is off', async () => {
    const token = await mintCallerToken({ secret: SECRET, scope: 'cloud:read', sub: 'dashboard' });
    const remembering = createAuthenticator(loadAuthConfig({ GOVGRAPH_JWT_SECRET: SECRET }, true));
    const first = await remembering(bearer(token));
    expect(await remembering(bearer(token))).toBe(first);
    const forgetful = createAuthenticator(loadAuthConfig({ GOVGRAPH_JWT_SECRET: SECRET, GOVGRAPH_VERIFIED_TOKEN_CACHE_SIZE: '0' }, true));
    const once = await forgetful(bearer(token));
    expect(await forgetful(bearer(token))).not.toBe(once);
    expect(await forgetful(bearer(token))).toEqual(once);
  });

  it('still refuses a bad token every time, and a tampered copy of a remembered one', async () => {
    const remembering = createAuthenticator(loadAuthConfig({ GOVGRAPH_JWT_SECRET: SECRET }, true));
    const token = await mintCallerToken({ secret: SECRET, scope: 'cloud:read' });
    await remembering(bearer(token));
    const [head, , signature] = token.split('.');
    const elevated = Buffer.from(JSON.stringify({ scope: 'pii:read', exp: now() + 600, iss: 'govgraph-dev', aud: 'govgraph' })).toString('base64url');
    await expect(remembering(bearer(`${head}.${elevated}.${signature}`))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(remembering(bearer(`${head}.${elevated}.${signature}`))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a cache size that is not a whole number', () => {
    expect(() => loadAuthConfig({ GOVGRAPH_JWT_SECRET: SECRET, GOVGRAPH_VERIFIED_TOKEN_CACHE_SIZE: 'lots' }, true)).toThrow(/whole number/);
  });
});

describe('createAuthenticator (JWKS file)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'govgraph-jwks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies RS256 tokens against the keys in the file and refuses HS256 ones', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
    const file = path.join(dir, 'jwks.json');
    writeFileSync(file, JSON.stringify({ keys: [jwk] }));
    const viaJwks = createAuthenticator(loadAuthConfig({ GOVGRAPH_JWKS_FILE: file }, true));
    const token = await new SignJWT({ scope: 'cloud:read' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('govgraph-dev')
      .setAudience('govgraph')
      .setSubject('svc')
      .setExpirationTime('5m')
      .sign(privateKey);
    expect((await viaJwks(bearer(token))).scopes).toEqual(['cloud:read']);
    const hs = await mintCallerToken({ secret: SECRET });
    await expect(viaJwks(bearer(hs))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
