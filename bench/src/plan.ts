// The order of the timed runs. Within a round every scenario runs against every target back to
// back; the targets' order flips each round (A B C D, then D C B A), so a machine that slowly heats
// up, or a neighbour's load that comes and goes, weighs on all targets alike instead of on the last.
import type { ScenarioName } from './scenarios.js';
import { SCENARIOS } from './scenarios.js';
import { DIRECT_TARGET, type GatewayTarget, type TargetName } from './targets.js';

export interface Step {
  round: number;
  scenario: ScenarioName;
  target: TargetName;
}

export function schedule(scenarios: readonly ScenarioName[], targets: readonly GatewayTarget[], rounds: number): Step[] {
  const steps: Step[] = [];
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? [...targets] : [...targets].reverse();
    for (const scenario of scenarios) {
      const runOn: TargetName[] = SCENARIOS[scenario].via === 'subgraph' ? [DIRECT_TARGET] : order;
      for (const target of runOn) steps.push({ round, scenario, target });
    }
  }
  return steps;
}

export interface RunEstimate {
  timedSeconds: number;
  warmupSeconds: number;
  /** Starting the stack, the correctness checks and the pauses between runs, roughly. */
  overheadSeconds: number;
  totalSeconds: number;
}

/** How long a run will take, to refuse one that cannot finish within the hard limit. */
export function estimateRun(
  steps: readonly Step[],
  options: { durationSeconds: number; warmupSeconds: number; startsStack: boolean },
): RunEstimate {
  const timedSeconds = steps.length * options.durationSeconds;
  const warmedTargets = new Set(steps.map((s) => s.target)).size;
  const warmupSeconds = warmedTargets * options.warmupSeconds;
  // About 45 s to start four subgraphs and four gateways on two cores; under a second per step.
  const overheadSeconds = (options.startsStack ? 45 : 5) + steps.length;
  return { timedSeconds, warmupSeconds, overheadSeconds, totalSeconds: timedSeconds + warmupSeconds + overheadSeconds };
}
