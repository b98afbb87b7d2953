import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseBenchOptions } from './options.js';

describe('parseBenchOptions', () => {
  it('defaults to every scenario against every gateway, small and bounded', () => {
    const options = parseBenchOptions([]);
    expect(options).toMatchObject({
      connections: DEFAULTS.connections,
      durationSeconds: DEFAULTS.durationSeconds,
      rounds: DEFAULTS.rounds,
      warmupSeconds: DEFAULTS.warmupSeconds,
      scenarios: ['scorecard', 'hotline-trend', 'item-search', 'report', 'single', 'direct'],
      targets: ['govgraph', 'govgraph-cache', 'apollo', 'hive'],
      gatewayUrls: {},
      cpuProf: false,
      timeoutMinutes: DEFAULTS.timeoutMinutes,
      outDir: 'bench-results',
    });
  });

  it('reads numbers and lists, keeping the catalogue order', () => {
    const options = parseBenchOptions(['--connections', '4', '--duration', '3', '--rounds', '1', '--warmup', '0', '--scenarios', 'single,scorecard', '--targets', 'hive, govgraph']);
    expect(options).toMatchObject({ connections: 4, durationSeconds: 3, rounds: 1, warmupSeconds: 0, scenarios: ['scorecard', 'single'], targets: ['govgraph', 'hive'] });
  });

  it('refuses what it cannot mean', () => {
    expect(() => parseBenchOptions(['--connections', '0'])).toThrow(/--connections must be a positive whole number/);
    expect(() => parseBenchOptions(['--duration', '2.5'])).toThrow(/--duration/);
    expect(() => parseBenchOptions(['--scenarios', 'scorecard,dashboard'])).toThrow(/unknown dashboard/);
    expect(() => parseBenchOptions(['--targets', 'router'])).toThrow(/unknown router/);
    expect(() => parseBenchOptions(['--bogus'])).toThrow();
    expect(() => parseBenchOptions(['--token', 'x'])).toThrow(/go with --gateway-url/);
    expect(() => parseBenchOptions(['--cpu-prof', '--targets', 'hive'])).toThrow(/include it in --targets/);
  });

  it('measures running gateways named on the command line, loopback only', () => {
    const options = parseBenchOptions(['--gateway-url', 'http://127.0.0.1:4000/graphql', '--gateway-url', 'hive=http://localhost:4010/graphql']);
    expect(options.gatewayUrls).toEqual({ govgraph: 'http://127.0.0.1:4000/graphql', hive: 'http://localhost:4010/graphql' });
    expect(options.targets).toEqual(['govgraph', 'hive']);
    // No subgraph to call directly: `direct` is left out rather than failing.
    expect(options.scenarios).not.toContain('direct');
    expect(() => parseBenchOptions(['--gateway-url', 'http://10.0.0.5:4000/graphql'])).toThrow(/only http URLs on this machine/);
    expect(() => parseBenchOptions(['--gateway-url', 'mesh=http://127.0.0.1:4000/graphql'])).toThrow(/unknown target "mesh"/);
    expect(() => parseBenchOptions(['--gateway-url', 'http://127.0.0.1:4000/graphql', '--targets', 'apollo'])).toThrow(/no --gateway-url given/);
    expect(() => parseBenchOptions(['--gateway-url', 'http://127.0.0.1:4000/graphql', '--scenarios', 'direct'])).toThrow(/needs --subgraph-url/);
    expect(() => parseBenchOptions(['--gateway-url', 'http://127.0.0.1:4000/graphql', '--cpu-prof'])).toThrow(/cannot go with --gateway-url/);
    const withSubgraph = parseBenchOptions(['--gateway-url', 'http://127.0.0.1:4000/graphql', '--subgraph-url', 'http://127.0.0.1:4004/graphql', '--token', 't']);
    expect(withSubgraph).toMatchObject({ subgraphUrl: 'http://127.0.0.1:4004/graphql', token: 't' });
    expect(withSubgraph.scenarios).toContain('direct');
  });
});
