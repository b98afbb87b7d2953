import { describe, expect, it } from 'vitest';
import { resolveUnsignedCaller, UnsignedCallsRefusedError, UNSIGNED_CALLER_SUB } from './unsigned-calls.js';
import { PUBLIC_VIEWER } from './viewer.js';

describe('resolveUnsignedCaller', () => {
  it('refuses unsigned calls unless explicitly allowed', () => {
    expect(resolveUnsignedCaller({ NODE_ENV: 'test' })).toBeUndefined();
    expect(resolveUnsignedCaller({ NODE_ENV: 'development', GOVGRAPH_TRUST_UNSIGNED_CALLS: 'false' })).toBeUndefined();
    expect(resolveUnsignedCaller({ NODE_ENV: 'test', GOVGRAPH_TRUST_UNSIGNED_CALLS: '' })).toBeUndefined();
  });

  it('lets them in as a caller with the configured scopes in development and tests', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const viewer = resolveUnsignedCaller({
        NODE_ENV,
        GOVGRAPH_TRUST_UNSIGNED_CALLS: 'true',
        GOVGRAPH_UNSIGNED_CALLER_SCOPES: 'cloud:read  pii:read',
      });
      expect(viewer).toEqual({ sub: UNSIGNED_CALLER_SUB, authenticated: true, roles: ['user'], scopes: ['cloud:read', 'pii:read'], dept: null });
    }
  });

  it('treats an unsigned call without configured scopes as the public', () => {
    expect(resolveUnsignedCaller({ NODE_ENV: 'test', GOVGRAPH_TRUST_UNSIGNED_CALLS: 'true' })).toEqual(PUBLIC_VIEWER);
  });

  it('stops the start in production, in an unnamed environment, and on an unclear value', () => {
    for (const NODE_ENV of ['production', 'staging', undefined]) {
      expect(() => resolveUnsignedCaller({ NODE_ENV, GOVGRAPH_TRUST_UNSIGNED_CALLS: 'true' })).toThrow(UnsignedCallsRefusedError);
    }
    expect(() => resolveUnsignedCaller({ NODE_ENV: 'production', GOVGRAPH_TRUST_UNSIGNED_CALLS: 'true' })).toThrow(
      /benchmarks and development only.*NODE_ENV is "production"/,
    );
    expect(() => resolveUnsignedCaller({ NODE_ENV: 'test', GOVGRAPH_TRUST_UNSIGNED_CALLS: 'yes' })).toThrow(/must be "true" or "false"/);
  });
});
