import { describe, expect, it } from 'vitest';
import { parseMemoryGb, parseStorageTb, parseVcpu } from './resource-units.js';

describe('resource units', () => {
  it('takes bare numbers, from JSON or CSV, in the stored unit', () => {
    expect(parseVcpu(16)).toBe(16);
    expect(parseVcpu('16')).toBe(16);
    expect(parseMemoryGb('64')).toBe(64);
    expect(parseStorageTb(1.5)).toBe(1.5);
  });

  it('reads the units the platform writes, converting at 1 TB = 1024 GB', () => {
    expect(parseVcpu('16 vCPU')).toBe(16);
    expect(parseVcpu('16核')).toBe(16);
    expect(parseMemoryGb('64GB')).toBe(64);
    expect(parseMemoryGb('64 GiB')).toBe(64);
    expect(parseMemoryGb('0.5 TB')).toBe(512);
    expect(parseStorageTb('2TB')).toBe(2);
    expect(parseStorageTb('512 GB')).toBe(0.5);
    expect(parseStorageTb('１ＴＢ')).toBe(1);
  });

  it('refuses a unit that does not measure the resource', () => {
    expect(() => parseVcpu('16GB')).toThrow('"16GB": the unit GB does not measure this resource (accepted: VCPU, CPU, CPUS, VCPUS, C, CORE, CORES, 核)');
    expect(() => parseMemoryGb('65536 MB')).toThrow(/the unit MB does not measure this resource/);
    expect(() => parseStorageTb('1 PB')).toThrow(/the unit PB does not measure/);
  });

  it('refuses amounts that are not whole units, or none', () => {
    expect(() => parseVcpu('1.5')).toThrow(/whole number of vCPUs/);
    expect(() => parseVcpu(0)).toThrow(/at least 1/);
    expect(() => parseMemoryGb('0.3 TB')).toThrow(/whole number of GB/);
    expect(() => parseStorageTb('0.3')).toThrow('"0.3" is not a whole number of GB (1 TB = 1024 GB)');
    expect(() => parseStorageTb('-1')).toThrow(/is not an amount/);
    expect(() => parseMemoryGb('lots')).toThrow(/is not an amount such as 16 or "16 GB"/);
  });
});
