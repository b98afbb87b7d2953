// Caller tokens for the e2e suite, signed with the secret the harness gave the gateway
// (GOVGRAPH_JWT_SECRET, set once per run in vitest.config.ts).
import { mintCallerToken, type CallerTokenInput } from '@govgraph/gateway';

export function jwtSecret(): string {
  const secret = process.env.GOVGRAPH_JWT_SECRET;
  if (!secret) throw new Error('GOVGRAPH_JWT_SECRET is not set: run the e2e suite through test/vitest.config.ts');
  return secret;
}

/** A bearer token with these space-separated scopes (and options), valid for ten minutes. */
export function tokenWith(scope: string, options: Omit<CallerTokenInput, 'secret' | 'scope'> = {}): Promise<string> {
  return mintCallerToken({ secret: jwtSecret(), scope, ttl: '10m', sub: 'e2e', ...options });
}

/** `{ authorization: 'Bearer …' }` for `postGraphQL`. */
export async function bearer(scope: string, options: Omit<CallerTokenInput, 'secret' | 'scope'> = {}): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await tokenWith(scope, options)}` };
}

/** The scopes a dashboard or the annual report reads with. */
export const REPORT_SCOPES = 'cloud:read';
