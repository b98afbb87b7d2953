/**
 * `npm run bench -- [options]` (see USAGE): starts the graph with GovGraph's gateway, a stock
 * @apollo/gateway and Hive Gateway over the same supergraph and subgraphs, drives each scenario
 * against each with autocannon, and prints a table per scenario (JSON under bench-results/).
 */
import { parseBenchOptions, USAGE, type BenchOptions } from './options.js';
import { runBench } from './run.js';
import { stopAllProcesses } from '@govgraph/local-stack';
import type { BenchStack } from './stack.js';

const log = (message: string) => console.log(message);

let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

let stack: BenchStack | undefined;
let stopping = false;
/** Stops every process the benchmark started, then exits: on a signal or past the hard limit. */
function abandon(reason: string, code: number): void {
  if (stopping) return;
  stopping = true;
  console.error(reason);
  // A process that will not stop must not hold the run open either.
  setTimeout(() => process.exit(code), 15_000).unref();
  // The stack's own stop also removes its temporary files; anything started before it was
  // complete is stopped by the process registry.
  void (stack?.stop() ?? Promise.resolve())
    .then(() => stopAllProcesses())
    .finally(() => process.exit(code));
}

const hardLimit = setTimeout(
  () => abandon(`the benchmark ran past --timeout-minutes ${options.timeoutMinutes}: stopped`, 3),
  options.timeoutMinutes * 60_000,
);
process.on('SIGINT', () => abandon('interrupted: stopping the processes the benchmark started', 130));
process.on('SIGTERM', () => abandon('terminated: stopping the processes the benchmark started', 143));

try {
  const outcome = await runBench(options, { log, onStack: (s) => (stack = s) });
  clearTimeout(hardLimit);
  process.exit(outcome.failed ? 1 : 0);
} catch (error) {
  clearTimeout(hardLimit);
  console.error(`benchmark failed: ${(error as Error).message}`);
  process.exit(1);
}
