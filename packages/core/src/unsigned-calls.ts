// A development and benchmark opt-in: let a subgraph accept calls that carry no gateway token.
// Peer gateways (a stock @apollo/gateway, Hive Gateway) cannot mint GovGraph's per-fetch token, so
// the benchmark could not compare them over the real subgraphs without it. A call that DOES carry
// a token is still verified in full; only a call without one is let through, as a fixed caller
// whose scopes are configured. Outside development and tests the setting stops the subgraph at
// start, so a production deployment can never run with it by accident.
import { PUBLIC_VIEWER, parseScopes, type Viewer } from './viewer.js';

export const TRUST_UNSIGNED_CALLS_ENV = 'GOVGRAPH_TRUST_UNSIGNED_CALLS';
export const UNSIGNED_CALLER_SCOPES_ENV = 'GOVGRAPH_UNSIGNED_CALLER_SCOPES';
/** The `sub` an unsigned call is attributed to, so logs and rate limits can tell it apart. */
export const UNSIGNED_CALLER_SUB = 'unsigned-caller';

type Env = Record<string, string | undefined>;

export class UnsignedCallsRefusedError extends Error {}

/**
 * The caller an unsigned call is treated as, or undefined when unsigned calls are refused (the
 * default). Throws when the opt-in is set where it is not allowed, or set to something unclear.
 */
export function resolveUnsignedCaller(env: Env = process.env): Viewer | undefined {
  const setting = env[TRUST_UNSIGNED_CALLS_ENV]?.trim();
  if (setting === undefined || setting === '' || setting === 'false') return undefined;
  if (setting !== 'true') {
    throw new UnsignedCallsRefusedError(`${TRUST_UNSIGNED_CALLS_ENV} must be "true" or "false", got "${setting}"`);
  }
  if (env.NODE_ENV !== 'development' && env.NODE_ENV !== 'test') {
    throw new UnsignedCallsRefusedError(
      `${TRUST_UNSIGNED_CALLS_ENV}=true is for benchmarks and development only: it lets calls without the ` +
        `gateway's credentials in, so it is refused unless NODE_ENV is "development" or "test" ` +
        `(NODE_ENV is ${env.NODE_ENV === undefined ? 'unset' : `"${env.NODE_ENV}"`})`,
    );
  }
  const scopes = parseScopes(env[UNSIGNED_CALLER_SCOPES_ENV] ?? '');
  if (scopes.length === 0) return PUBLIC_VIEWER;
  return { sub: UNSIGNED_CALLER_SUB, authenticated: true, roles: ['user'], scopes, dept: null };
}
