/**
 * Amounts of cloud resources as the platform writes them: a bare number in the field's own unit,
 * or text with a unit (`16 vCPU`, `16核`, `64GB`, `0.5TB`, `512 GiB`). Units are converted to the
 * ones GovGraph stores (vCPU, GB of memory, TB of storage) at 1 TB = 1024 GB, the binary units
 * cloud quotas are sold in; a unit that does not measure the resource is refused, not guessed.
 */
import { InvalidValue } from '@govgraph/core';

interface UnitScale {
  /** The stored unit, for messages. */
  unit: string;
  /** Accepted spellings (upper-cased) and how many stored units one of them is. */
  factors: Readonly<Record<string, number>>;
}

const CPU: UnitScale = { unit: 'vCPU', factors: { VCPU: 1, CPU: 1, CPUS: 1, VCPUS: 1, C: 1, CORE: 1, CORES: 1, 核: 1 } };
const MEMORY_GB: UnitScale = { unit: 'GB', factors: { G: 1, GB: 1, GIB: 1, T: 1024, TB: 1024, TIB: 1024 } };
const STORAGE_TB: UnitScale = { unit: 'TB', factors: { T: 1, TB: 1, TIB: 1, G: 1 / 1024, GB: 1 / 1024, GIB: 1 / 1024 } };

const AMOUNT = /^(\d+(?:\.\d+)?)\s*([^\d\s.]*)$/;

/** The amount in the scale's stored unit; a bare number is taken to be in that unit already. */
function amountIn(value: unknown, scale: UnitScale): number {
  if (value === null || value === undefined) throw new InvalidValue('missing');
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new InvalidValue(`must be a non-negative amount, got ${value}`);
    return value;
  }
  if (typeof value !== 'string') throw new InvalidValue(`must be an amount such as 16 or "16 ${scale.unit}", got ${String(value)}`);
  const text = value.normalize('NFKC').trim();
  const m = AMOUNT.exec(text);
  if (!m) throw new InvalidValue(`${JSON.stringify(value)} is not an amount such as 16 or "16 ${scale.unit}"`);
  const unit = m[2]!.toUpperCase();
  const factor = unit === '' ? 1 : scale.factors[unit];
  if (factor === undefined) {
    const accepted = [...new Set(Object.keys(scale.factors))].join(', ');
    throw new InvalidValue(`${JSON.stringify(value)}: the unit ${m[2]} does not measure this resource (accepted: ${accepted})`);
  }
  return Number(m[1]) * factor;
}

/** Whole vCPUs, at least one. */
export function parseVcpu(value: unknown): number {
  const vcpu = amountIn(value, CPU);
  if (!Number.isInteger(vcpu) || vcpu < 1) throw new InvalidValue(`must be a whole number of vCPUs, at least 1, got ${JSON.stringify(value)}`);
  return vcpu;
}

/** Whole GB of memory, at least one. */
export function parseMemoryGb(value: unknown): number {
  const gb = amountIn(value, MEMORY_GB);
  if (!Number.isInteger(gb) || gb < 1) throw new InvalidValue(`must be a whole number of GB, at least 1, got ${JSON.stringify(value)}`);
  return gb;
}

/**
 * TB of storage in whole GB: a multiple of 1/1024 is exact in floating point, so sums over many
 * systems stay exact in SQLite and PostgreSQL alike; a value between whole GB is refused.
 */
export function parseStorageTb(value: unknown): number {
  const gb = amountIn(value, STORAGE_TB) * 1024;
  const whole = Math.round(gb);
  if (Math.abs(gb - whole) > 1e-6) throw new InvalidValue(`${JSON.stringify(value)} is not a whole number of GB (1 TB = 1024 GB)`);
  return whole / 1024;
}
