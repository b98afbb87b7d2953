// How far V8 lets the gateway's heap grow before its next full garbage collection.
//
// Measured with the benchmark (docs/performance.md): with the response cache off, every request
// builds subgraph JSON, fetch results and merged responses that live for tens to hundreds of
// milliseconds, long enough to survive two scavenges and be promoted to the old space, where they
// die. Nothing is retained (the heap after a forced full GC stays at 58-60 MB through every
// scenario), but V8's default heap-growing heuristic let the old space fill to about 3x the live
// size (177 MB) before compacting, and RSS climbed scenario by scenario to 357 MB. With the growth
// bounded at 50% the old space peaked at 78 MB and RSS stayed at 212-257 MB, ending at 213-215 MB,
// with CPU per request within the run-to-run noise.
import v8 from 'node:v8';

/** Next full GC once the heap is 1.5x what survived the previous one (V8's default: up to 4x). */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

/** The V8 flag for a growth bound; 0 means "leave V8's heuristic alone" (no flag). */
export function heapGrowingFlag(percent: number): string | undefined {
  if (!Number.isInteger(percent) || percent < 0) throw new Error(`heap growing percent must be a whole number >= 0, got ${percent}`);
  return percent === 0 ? undefined : `--heap-growing-percent=${percent}`;
}

/**
 * Applies the bound to this process. V8 reads the flag each time it sets the next GC limit, so
 * setting it at startup (rather than on the node command line) takes effect however the gateway
 * is launched: `npm start`, the test harness, the benchmark or a container.
 */
export function limitHeapGrowth(percent: number): void {
  const flag = heapGrowingFlag(percent);
  if (flag) v8.setFlagsFromString(flag);
}
