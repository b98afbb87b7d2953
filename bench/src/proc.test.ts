import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cpuMsFromStat, readCpuMs, readRssMb, readTotalCpuMs, rssMbFromStatus, waitUntilIdle } from './proc.js';

describe('rssMbFromStatus', () => {
  it('reads VmRSS in MB', () => {
    expect(rssMbFromStatus('Name:\tnode\nVmPeak:\t  900000 kB\nVmRSS:\t  204800 kB\nThreads:\t11\n')).toBe(200);
    expect(rssMbFromStatus('Name:\tzombie\n')).toBeUndefined();
  });
});

describe('cpuMsFromStat', () => {
  it('adds user and system time, counting fields after the command name', () => {
    const stat = '4242 (node (tsx) x) S 1 4242 4242 0 -1 4194304 5000 0 0 0 1234 56 0 0 20 0 11 0 100 0 0';
    expect(cpuMsFromStat(stat)).toBe((1234 + 56) * 10);
    expect(cpuMsFromStat('garbage')).toBeUndefined();
  });
});

describe('reading /proc', () => {
  it('reads this very process, and nothing for an unknown one', () => {
    if (process.platform === 'linux') {
      expect(readRssMb(process.pid)).toBeGreaterThan(1);
      expect(readCpuMs(process.pid)).toBeGreaterThan(0);
      expect(readTotalCpuMs([process.pid, process.pid])).toBeGreaterThan(0);
    }
    expect(readRssMb(undefined)).toBeUndefined();
    expect(readRssMb(2 ** 30)).toBeUndefined();
    expect(readCpuMs(2 ** 30)).toBeUndefined();
    expect(readTotalCpuMs([process.pid, 2 ** 30])).toBeUndefined();
  });
});

describe('waitUntilIdle', () => {
  it('returns at once for idle processes, and gives up on a busy one at its timeout', async () => {
    const sleeper = spawn('sleep', ['10']);
    let started = Date.now();
    try {
      await waitUntilIdle([sleeper.pid!], { intervalMs: 50 });
    } finally {
      sleeper.kill();
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    // This process is busy while the check runs: a spin in a worker-free loop between readings.
    const spin = setInterval(() => {
      const until = Date.now() + 40;
      while (Date.now() < until);
    }, 1);
    started = Date.now();
    try {
      await waitUntilIdle([process.pid], { intervalMs: 100, idleMsPerSecond: 10, timeoutMs: 600 });
    } finally {
      clearInterval(spin);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });
});
