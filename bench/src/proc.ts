// What a process costs, read the way `ps` and `top` do, from /proc (Linux only): its resident
// memory, and the CPU time it has used. CPU time per request is the figure that holds up on a
// shared machine, where requests per second also measure the neighbours.
import { readFileSync } from 'node:fs';

/** VmRSS in MB from the text of /proc/<pid>/status; undefined when the line is missing. */
export function rssMbFromStatus(status: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) / 1024 : undefined;
}

/** undefined when the process is gone or /proc is not there (not Linux). */
export function readRssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return rssMbFromStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Linux reports CPU time in clock ticks of USER_HZ, which is 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

/**
 * User plus system CPU time of all the process's threads, in ms, from /proc/<pid>/stat. The
 * command name (2nd field) may hold spaces and parentheses, so fields are counted from the last `)`.
 */
export function cpuMsFromStat(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the name: state is field 3, utime field 14 and stime field 15 (man 5 proc).
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime) || fields.length < 13) return undefined;
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

export function readCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    return cpuMsFromStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The summed CPU time of several processes; undefined when any cannot be read. */
export function readTotalCpuMs(pids: readonly number[]): number | undefined {
  let total = 0;
  for (const pid of pids) {
    const ms = readCpuMs(pid);
    if (ms === undefined) return undefined;
    total += ms;
  }
  return total;
}

/**
 * Waits until the processes are (nearly) idle: less than `idleMsPerSecond` of CPU per second
 * between two readings. Load stops while requests are still in flight; without this their work
 * would be billed to, and slow down, the next run. Gives up after `timeoutMs`.
 */
export async function waitUntilIdle(pids: readonly number[], options: { idleMsPerSecond?: number; intervalMs?: number; timeoutMs?: number } = {}): Promise<void> {
  const interval = options.intervalMs ?? 250;
  const threshold = ((options.idleMsPerSecond ?? 50) * interval) / 1000;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let previous = readTotalCpuMs(pids);
  while (previous !== undefined && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    const current = readTotalCpuMs(pids);
    if (current === undefined || current - previous < threshold) return;
    previous = current;
  }
}
