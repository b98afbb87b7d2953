// A process's resident memory, read the way `ps` does: /proc/<pid>/status (Linux only).
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
