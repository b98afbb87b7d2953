import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'a-secret-for-the-token-command-test!!';

function token(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/mint-token.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', GOVGRAPH_JWT_SECRET: SECRET, ...env },
    encoding: 'utf8',
  }).trim();
}

describe('npm run token', () => {
  it('mints a token the gateway accepts, with the scopes, department and subject asked for', async () => {
    const minted = token(['--scope', 'workorders:read pii:read', '--dept', '11440800MB2C95227X', '--sub', 'li', '--ttl', '5m']);
    const { payload, protectedHeader } = await jwtVerify(minted, new TextEncoder().encode(SECRET), {
      issuer: 'govgraph-dev',
      audience: 'govgraph',
      algorithms: ['HS256'],
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'li', scope: 'workorders:read pii:read', dept: '11440800MB2C95227X' });
    expect(payload.exp! - payload.iat!).toBe(300);
  }, 30_000);

  it('refuses to run in production', () => {
    expect(() => token([], { NODE_ENV: 'production' })).toThrow();
  }, 30_000);
});
