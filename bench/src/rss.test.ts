import { describe, expect, it } from 'vitest';
import { readRssMb, rssMbFromStatus } from './rss.js';

describe('rssMbFromStatus', () => {
  it('reads VmRSS in MB', () => {
    expect(rssMbFromStatus('Name:\tnode\nVmPeak:\t  900000 kB\nVmRSS:\t  204800 kB\nThreads:\t11\n')).toBe(200);
    expect(rssMbFromStatus('Name:\tzombie\n')).toBeUndefined();
  });
});

describe('readRssMb', () => {
  it('reads this very process, and nothing for an unknown one', () => {
    if (process.platform === 'linux') expect(readRssMb(process.pid)).toBeGreaterThan(1);
    expect(readRssMb(undefined)).toBeUndefined();
    expect(readRssMb(2 ** 30)).toBeUndefined();
  });
});
