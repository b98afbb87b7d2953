import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SUPERGRAPH_PATH,
  loadGatewayConfig,
  subgraphEnvName,
  subgraphUrlEnvVar,
  subgraphUrlOverridesFromEnv,
} from './config.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');


/** The secrets every config needs; their own tests are below. */
const BASE = { GOVGRAPH_INTERNAL_SECRET: 'i'.repeat(32), GOVGRAPH_JWT_SECRET: 'j'.repeat(32) };
describe('loadGatewayConfig', () => {
  it('defaults to the repository supergraph, port 4000 and development behaviour', () => {
    const config = loadGatewayConfig([], BASE);
    expect(config.supergraphPath).toBe(path.join(repoRoot, 'schema', 'supergraph.graphql'));
    expect(config.supergraphPath).toBe(DEFAULT_SUPERGRAPH_PATH);
    expect(config.port).toBe(4000);
    expect(config.host).toBeUndefined();
    expect(config.production).toBe(false);
    expect(config.introspection).toBe(true);
    expect(config.subgraphTimeoutMs).toBe(10_000);
    expect(config.subgraphUrlOverrides).toEqual({});
  });

  it('takes the supergraph and port from the environment', () => {
    const config = loadGatewayConfig([], { ...BASE, GOVGRAPH_SUPERGRAPH: '/srv/supergraph.graphql', GATEWAY_PORT: '8080' });
    expect(config.supergraphPath).toBe('/srv/supergraph.graphql');
    expect(config.port).toBe(8080);
  });

  it('lets command-line flags win over the environment', () => {
    const config = loadGatewayConfig(['--supergraph', '/a/b.graphql', '--port', '0'], {
      ...BASE,
      GOVGRAPH_SUPERGRAPH: '/srv/supergraph.graphql',
      GATEWAY_PORT: '8080',
    });
    expect(config.supergraphPath).toBe('/a/b.graphql');
    expect(config.port).toBe(0);
  });

  it('resolves a relative --supergraph against the working directory', () => {
    expect(loadGatewayConfig(['--supergraph=sg.graphql'], BASE).supergraphPath).toBe(path.resolve('sg.graphql'));
  });

  it('rejects bad ports, bad timeouts and unknown flags', () => {
    expect(() => loadGatewayConfig(['--port', 'http'], BASE)).toThrow(/--port/);
    expect(() => loadGatewayConfig([], { ...BASE, GATEWAY_PORT: '70000' })).toThrow(/GATEWAY_PORT/);
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_SUBGRAPH_TIMEOUT_MS: '0' })).toThrow(/GOVGRAPH_SUBGRAPH_TIMEOUT_MS/);
    expect(() => loadGatewayConfig(['--prot', '1'], BASE)).toThrow();
  });

  it('turns introspection off in production unless GOVGRAPH_INTROSPECTION=true', () => {
    expect(loadGatewayConfig([], { ...BASE, NODE_ENV: 'production' })).toMatchObject({ production: true, introspection: false });
    expect(loadGatewayConfig([], { ...BASE, NODE_ENV: 'production', GOVGRAPH_INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadGatewayConfig([], { ...BASE, NODE_ENV: 'test' }).introspection).toBe(true);
  });

  it('reads the subgraph timeout', () => {
    expect(loadGatewayConfig([], { ...BASE, GOVGRAPH_SUBGRAPH_TIMEOUT_MS: '2500' }).subgraphTimeoutMs).toBe(2500);
  });
});

describe('subgraph URL overrides', () => {
  it('names a subgraph after its join__Graph value, upper-cased, non-alphanumerics as _', () => {
    expect(subgraphEnvName('SERVICE_ITEMS')).toBe('SERVICE_ITEMS');
    expect(subgraphEnvName('hotline')).toBe('HOTLINE');
    expect(subgraphEnvName('cloud2')).toBe('CLOUD2');
    expect(subgraphUrlEnvVar('SERVICE_ITEMS')).toBe('GOVGRAPH_SUBGRAPH_SERVICE_ITEMS_URL');
  });

  it('collects every GOVGRAPH_SUBGRAPH_<NAME>_URL and nothing else', () => {
    expect(
      subgraphUrlOverridesFromEnv({
        GOVGRAPH_SUBGRAPH_SERVICE_ITEMS_URL: 'http://items.internal:4001/graphql',
        GOVGRAPH_SUBGRAPH_HOTLINE_URL: ' https://hotline.internal/graphql ',
        GOVGRAPH_SUBGRAPH_CLOUD_URL: '',
        GOVGRAPH_SUBGRAPH_TIMEOUT_MS: '100',
        GOVGRAPH_SUPERGRAPH: '/x',
      }),
    ).toEqual({
      SERVICE_ITEMS: 'http://items.internal:4001/graphql',
      HOTLINE: 'https://hotline.internal/graphql',
    });
  });

  it('refuses an override that is not an http(s) URL', () => {
    expect(() => subgraphUrlOverridesFromEnv({ GOVGRAPH_SUBGRAPH_CLOUD_URL: 'cloud:4003' })).toThrow(
      /GOVGRAPH_SUBGRAPH_CLOUD_URL/,
    );
    expect(() => subgraphUrlOverridesFromEnv({ GOVGRAPH_SUBGRAPH_CLOUD_URL: 'not a url' })).toThrow(
      /GOVGRAPH_SUBGRAPH_CLOUD_URL/,
    );
  });
});

describe('secrets and limits', () => {
  it('refuses to start without the internal secret, and in production without a token key', () => {
    expect(() => loadGatewayConfig([], { GOVGRAPH_JWT_SECRET: 'j'.repeat(32) })).toThrow(/GOVGRAPH_INTERNAL_SECRET/);
    expect(() => loadGatewayConfig([], { NODE_ENV: 'production', GOVGRAPH_INTERNAL_SECRET: 'i'.repeat(32) })).toThrow(
      /GOVGRAPH_JWT_SECRET, GOVGRAPH_JWKS_URL or GOVGRAPH_JWKS_FILE/,
    );
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_JWKS_FILE: '/x.json' })).toThrow(/only one/);
  });

  it('accepts the development internal secret only in development or test, on request', () => {
    const dev = { GOVGRAPH_JWT_SECRET: 'j'.repeat(32), GOVGRAPH_ALLOW_DEV_INTERNAL_SECRET: 'true' };
    expect(loadGatewayConfig([], { ...dev, NODE_ENV: 'test' }).internalSecret.length).toBeGreaterThan(32);
    expect(() => loadGatewayConfig([], { ...dev, NODE_ENV: 'production' })).toThrow(/GOVGRAPH_INTERNAL_SECRET/);
  });

  it('reads issuer, audience, rate limit and operation timeout', () => {
    const config = loadGatewayConfig([], {
      ...BASE,
      GOVGRAPH_JWT_ISSUER: 'idp',
      GOVGRAPH_JWT_AUDIENCE: 'api',
      GOVGRAPH_RATE_LIMIT_PER_MINUTE: '30',
      GOVGRAPH_OPERATION_TIMEOUT_MS: '5000',
    });
    expect(config.auth).toMatchObject({ issuer: 'idp', audience: 'api', clockToleranceSeconds: 30 });
    expect(config.rateLimitPerMinute).toBe(30);
    expect(config.operationTimeoutMs).toBe(5000);
    expect(loadGatewayConfig([], BASE).auth).toMatchObject({ issuer: 'govgraph-dev', audience: 'govgraph' });
  });
});

describe('cache settings', () => {
  it('caches responses in memory by default, with dedup on and sized caches', () => {
    expect(loadGatewayConfig([], BASE)).toMatchObject({
      responseCache: 'memory',
      redisUrl: undefined,
      memoryCacheMiB: 32,
      queryPlanCacheMiB: 2,
      dedupSubgraphFetches: true,
      heapGrowingPercent: 50,
    });
  });

  it('takes the heap growth bound from the environment, 0 meaning V8\'s own', () => {
    expect(loadGatewayConfig([], { ...BASE, GOVGRAPH_HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(loadGatewayConfig([], { ...BASE, GOVGRAPH_HEAP_GROWING_PERCENT: '100' }).heapGrowingPercent).toBe(100);
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_HEAP_GROWING_PERCENT: '-5' })).toThrow(/GOVGRAPH_HEAP_GROWING_PERCENT/);
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_HEAP_GROWING_PERCENT: '1.5' })).toThrow(/GOVGRAPH_HEAP_GROWING_PERCENT/);
  });

  it('uses Redis when GOVGRAPH_REDIS_URL is set, unless told otherwise', () => {
    const redis = { ...BASE, GOVGRAPH_REDIS_URL: 'redis://cache.internal:6379/0' };
    expect(loadGatewayConfig([], redis)).toMatchObject({ responseCache: 'redis', redisUrl: 'redis://cache.internal:6379/0' });
    expect(loadGatewayConfig([], { ...redis, GOVGRAPH_RESPONSE_CACHE: 'memory' }).responseCache).toBe('memory');
    expect(loadGatewayConfig([], { ...redis, GOVGRAPH_RESPONSE_CACHE: 'off' }).responseCache).toBe('off');
  });

  it('takes the switches from the environment and rejects nonsense', () => {
    expect(loadGatewayConfig([], { ...BASE, GOVGRAPH_RESPONSE_CACHE: 'OFF', GOVGRAPH_SUBGRAPH_DEDUP: 'off' })).toMatchObject({
      responseCache: 'off',
      dedupSubgraphFetches: false,
    });
    expect(loadGatewayConfig([], { ...BASE, GOVGRAPH_QUERY_PLAN_CACHE_MB: '2', GOVGRAPH_MEMORY_CACHE_MB: '64' })).toMatchObject({
      queryPlanCacheMiB: 2,
      memoryCacheMiB: 64,
    });
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_RESPONSE_CACHE: 'disk' })).toThrow(/GOVGRAPH_RESPONSE_CACHE/);
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_RESPONSE_CACHE: 'redis' })).toThrow(/GOVGRAPH_REDIS_URL/);
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_REDIS_URL: 'http://cache:6379' })).toThrow(/redis:\/\//);
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_SUBGRAPH_DEDUP: 'maybe' })).toThrow(/GOVGRAPH_SUBGRAPH_DEDUP/);
    expect(() => loadGatewayConfig([], { ...BASE, GOVGRAPH_QUERY_PLAN_CACHE_MB: '-1' })).toThrow(/MiB/);
  });
});
