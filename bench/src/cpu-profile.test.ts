import { describe, expect, it } from 'vitest';
import { mainThreadProfile, shortLocation, topSelfTime, type CpuProfile } from './cpu-profile.js';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

describe('topSelfTime', () => {
  it('sums self time per function over all its nodes, apart from idle time', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)') },
        { id: 2, callFrame: frame('(idle)') },
        { id: 3, callFrame: frame('parse', 'file:///repo/node_modules/graphql/language/parser.js', 99) },
        { id: 4, callFrame: frame('parse', 'file:///repo/node_modules/graphql/language/parser.js', 99) },
        { id: 5, callFrame: frame('mintGatewayToken', 'file:///repo/packages/core/src/gateway-credentials.ts', 54) },
        { id: 6, callFrame: frame('(garbage collector)') },
      ],
      samples: [2, 3, 4, 5, 3, 6, 2],
      timeDeltas: [5000, 1000, 2000, 500, 1000, 500, 5000],
    };
    const summary = topSelfTime(profile, { limit: 10, repoRoot: '/repo' });
    expect(summary.skippedMs).toBe(0);
    expect(summary.idleMs).toBe(10);
    expect(summary.busyMs).toBe(5);
    expect(summary.functions).toEqual([
      { name: 'parse (graphql/language/parser.js:100)', selfMs: 4, share: 0.8 },
      { name: 'mintGatewayToken (packages/core/src/gateway-credentials.ts:55)', selfMs: 0.5, share: 0.1 },
      { name: '(garbage collector)', selfMs: 0.5, share: 0.1 },
    ]);
    expect(topSelfTime(profile, { limit: 1 }).functions).toHaveLength(1);
  });

  it('can leave out the start, up to the first sample inside a given function', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 3] },
        { id: 2, callFrame: frame('loadModules'), children: [] },
        { id: 3, callFrame: frame('serveGraphQL'), children: [4] },
        { id: 4, callFrame: frame('execute') },
      ],
      samples: [2, 2, 4, 2, 3],
      timeDeltas: [3000, 3000, 1000, 500, 500],
    };
    const summary = topSelfTime(profile, { startAtFunction: 'serveGraphQL' });
    expect(summary.skippedMs).toBe(6);
    expect(summary.busyMs).toBe(2);
    expect(summary.functions.map((f) => [f.name, f.selfMs])).toEqual([['execute', 1], ['loadModules', 0.5], ['serveGraphQL', 0.5]]);
    // Not found: nothing left out.
    expect(topSelfTime(profile, { startAtFunction: 'nowhere' }).skippedMs).toBe(0);
  });
});

describe('shortLocation', () => {
  it('keeps what follows the last node_modules, or the path inside the repository', () => {
    expect(shortLocation('file:///a/node_modules/x/node_modules/jose/dist/jwt.js')).toBe('jose/dist/jwt.js');
    expect(shortLocation('file:///repo/gateway/src/auth.ts', '/repo')).toBe('gateway/src/auth.ts');
    expect(shortLocation('node:internal/http')).toBe('node:internal/http');
  });
});

describe('mainThreadProfile', () => {
  it("picks the main thread's profile over the loader thread's", () => {
    expect(
      mainThreadProfile(['CPU.20261124.180450.6853.1.002.cpuprofile', 'CPU.20261124.180450.6853.0.001.cpuprofile', 'notes.txt']),
    ).toBe('CPU.20261124.180450.6853.0.001.cpuprofile');
    expect(mainThreadProfile(['odd-name.cpuprofile'])).toBe('odd-name.cpuprofile');
    expect(mainThreadProfile([])).toBeUndefined();
  });
});
