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

describe('loadGatewayConfig', () => {
  it('defaults to the repository supergraph, port 4000 and development behaviour', () => {
    const config = loadGatewayConfig([], {});
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
    const config = loadGatewayConfig([], { GOVGRAPH_SUPERGRAPH: '/srv/supergraph.graphql', GATEWAY_PORT: '8080' });
    expect(config.supergraphPath).toBe('/srv/supergraph.graphql');
    expect(config.port).toBe(8080);
  });

  it('lets command-line flags win over the environment', () => {
    const config = loadGatewayConfig(['--supergraph', '/a/b.graphql', '--port', '0'], {
      GOVGRAPH_SUPERGRAPH: '/srv/supergraph.graphql',
      GATEWAY_PORT: '8080',
    });
    expect(config.supergraphPath).toBe('/a/b.graphql');
    expect(config.port).toBe(0);
  });

  it('resolves a relative --supergraph against the working directory', () => {
    expect(loadGatewayConfig(['--supergraph=sg.graphql'], {}).supergraphPath).toBe(path.resolve('sg.graphql'));
  });

  it('rejects bad ports, bad timeouts and unknown flags', () => {
    expect(() => loadGatewayConfig(['--port', 'http'], {})).toThrow(/--port/);
    expect(() => loadGatewayConfig([], { GATEWAY_PORT: '70000' })).toThrow(/GATEWAY_PORT/);
    expect(() => loadGatewayConfig([], { GOVGRAPH_SUBGRAPH_TIMEOUT_MS: '0' })).toThrow(/GOVGRAPH_SUBGRAPH_TIMEOUT_MS/);
    expect(() => loadGatewayConfig(['--prot', '1'], {})).toThrow();
  });

  it('turns introspection off in production unless GOVGRAPH_INTROSPECTION=true', () => {
    expect(loadGatewayConfig([], { NODE_ENV: 'production' })).toMatchObject({ production: true, introspection: false });
    expect(loadGatewayConfig([], { NODE_ENV: 'production', GOVGRAPH_INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadGatewayConfig([], { NODE_ENV: 'test' }).introspection).toBe(true);
  });

  it('reads the subgraph timeout', () => {
    expect(loadGatewayConfig([], { GOVGRAPH_SUBGRAPH_TIMEOUT_MS: '2500' }).subgraphTimeoutMs).toBe(2500);
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
