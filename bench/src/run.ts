// One benchmark run from start to end: the stack, the correctness checks, the warm-up, the timed
// rounds, memory readings, and the results printed and written as JSON.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@govgraph/core';
import { mainThreadProfile, topSelfTime, type CpuProfile, type ProfileSummary } from './cpu-profile.js';
import { runLoad, type LoadRequest } from './load.js';
import type { BenchOptions } from './options.js';
import { estimateRun, schedule } from './plan.js';
import { preflight } from './preflight.js';
import { readCpuMs, readRssMb, waitUntilIdle } from './proc.js';
import { requestBody, SCENARIOS, type ScenarioName } from './scenarios.js';
import { startBenchStack, useRunningStack, type BenchStack } from './stack.js';
import { percentile, summarize, type Measurement, type ScenarioSummary } from './summary.js';
import { formatNumber, formatScenario } from './table.js';
import { DIRECT_TARGET, GATEWAY_TARGETS, TARGET_LABELS, type TargetName } from './targets.js';

export interface BenchHooks {
  log: (message: string) => void;
  /** Called once the stack is up, so the caller can stop it on a signal or the hard timeout. */
  onStack?: (stack: BenchStack) => void;
}

export interface BenchOutcome {
  resultsFile: string;
  summaries: ScenarioSummary[];
  /** Any scenario a target failed its correctness check on, or any failure under load. */
  failed: boolean;
}

function timestamp(date: Date): string {
  return date.toISOString().replace(/[:]/g, '-').replace(/\.\d+Z$/, 'Z');
}

function machine() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpus: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAverageAtStart: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
}

function profileIn(dir: string): string | undefined {
  try {
    const file = mainThreadProfile(readdirSync(dir));
    return file === undefined ? undefined : path.join(dir, file);
  } catch {
    return undefined;
  }
}

export async function runBench(options: BenchOptions, hooks: BenchHooks): Promise<BenchOutcome> {
  const { log } = hooks;
  const startedAt = new Date();
  const steps = schedule(options.scenarios, options.targets, options.rounds);
  const startsStack = Object.keys(options.gatewayUrls).length === 0;
  const estimate = estimateRun(steps, { durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, startsStack });
  if (estimate.totalSeconds > options.timeoutMinutes * 60) {
    throw new Error(
      `this run would take about ${Math.ceil(estimate.totalSeconds / 60)} min, past --timeout-minutes ${options.timeoutMinutes}: ` +
        'fewer --rounds, a shorter --duration, fewer --scenarios or --targets, or a larger --timeout-minutes',
    );
  }
  const [load] = os.loadavg();
  if (load !== undefined && load > os.cpus().length / 4) {
    log(`note: load average ${load.toFixed(2)} before starting: other work on this machine will show in the figures (CPU ms/req much less so)`);
  }
  log(
    `${steps.length} timed runs of ${options.durationSeconds} s at ${options.connections} connections (${options.rounds} round(s)); ` +
      `about ${Math.ceil(estimate.totalSeconds / 60)} min in all`,
  );

  const outDir = path.resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const stamp = timestamp(startedAt);
  const cpuProfileDir = options.cpuProf ? path.join(outDir, `cpu-${stamp}`) : undefined;
  const needsDirect = options.scenarios.some((s) => SCENARIOS[s].via === 'subgraph');
  const stack = startsStack
    ? await startBenchStack({ targets: options.targets, direct: needsDirect, ...(cpuProfileDir ? { cpuProfileDir } : {}), log })
    : await useRunningStack(options.gatewayUrls, options.subgraphUrl, options.token);
  hooks.onStack?.(stack);

  const measurements: Measurement[] = [];
  const rssAfter = new Map<string, number | undefined>();
  const rssAtEnd: Partial<Record<TargetName, number>> = {};
  const problems: { scenario: ScenarioName; target: TargetName; problem: string }[] = [];
  let profile: { file: string; summary: ProfileSummary } | undefined;
  try {
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json',
      authorization: `Bearer ${stack.callerToken}`,
    };
    const bodies = new Map(options.scenarios.map((s) => [s, requestBody(SCENARIOS[s])]));
    const targetsOf = (scenario: ScenarioName): TargetName[] =>
      SCENARIOS[scenario].via === 'subgraph' ? [DIRECT_TARGET] : options.targets.filter((t) => stack.targets.has(t));
    const request = (scenario: ScenarioName, target: TargetName): LoadRequest => ({
      url: stack.targets.get(target)!.url,
      body: bodies.get(scenario)!,
      headers,
    });

    // 1. Correct answers first.
    const usable = new Set<string>();
    for (const scenario of options.scenarios) {
      for (const target of targetsOf(scenario)) {
        const { url, body } = request(scenario, target);
        const outcome = await preflight(SCENARIOS[scenario], url, body, headers);
        if (outcome.ok) {
          usable.add(`${scenario}/${target}`);
        } else {
          problems.push({ scenario, target, problem: outcome.problem ?? 'wrong answer' });
          log(`✗ ${scenario} on ${TARGET_LABELS[target]}: ${outcome.problem}; left out of the timed runs`);
        }
      }
    }
    log(`checked ${usable.size + problems.length} scenario/target answers: ${problems.length === 0 ? 'all correct' : `${problems.length} wrong`}`);

    // 2. Warm-up: each target runs all of its scenarios for a while, untimed, so JIT compilation,
    // connection pools and query-plan caches are in place for everyone before the first round.
    if (options.warmupSeconds > 0) {
      const subgraphPids = stack.subgraphs.map((s) => s.pid);
      for (const target of stack.targets.keys()) {
        const requests = options.scenarios.filter((s) => usable.has(`${s}/${target}`)).map((s) => request(s, target));
        if (requests.length === 0) continue;
        await runLoad(requests, { connections: options.connections, durationSeconds: options.warmupSeconds });
        await waitUntilIdle([...[...stack.targets.values()].flatMap((t) => (t.pid !== undefined ? [t.pid] : [])), ...subgraphPids]);
      }
      log(`warmed up ${stack.targets.size} target(s) for ${options.warmupSeconds} s each`);
    }

    // 3. The timed rounds.
    const subgraphPids = stack.subgraphs.map((s) => s.pid);
    const readAllRss = () => new Map([...stack.targets.values()].map((t) => [t.name, readRssMb(t.pid)]));
    for (const [index, step] of steps.entries()) {
      if (usable.has(`${step.scenario}/${step.target}`)) {
        const pid = stack.targets.get(step.target)!.pid;
        const readCpu = () => ({ target: readCpuMs(pid), subgraphs: stack.subgraphs.map((s) => readCpuMs(s.pid)) });
        const before = readCpu();
        const result = await runLoad([request(step.scenario, step.target)], {
          connections: options.connections,
          durationSeconds: options.durationSeconds,
        });
        await waitUntilIdle([...(pid !== undefined ? [pid] : []), ...subgraphPids]);
        const after = readCpu();
        const used = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? b - a : undefined);
        // Nothing but this run loads the subgraphs now; for a stack the benchmark did not start, unknown.
        const bySubgraph = stack.subgraphs.map((s, i) => [s.name, used(before.subgraphs[i], after.subgraphs[i])] as const);
        const subgraphCpuMs = bySubgraph.length > 0 && bySubgraph.every(([, ms]) => ms !== undefined)
          ? Object.fromEntries(bySubgraph as (readonly [string, number])[])
          : undefined;
        measurements.push({
          ...step,
          ...result,
          targetCpuMs: used(before.target, after.target),
          subgraphCpuMs,
        });
        const sorted = [...result.latenciesMs].sort((a, b) => a - b);
        const failures = result.non2xx + result.graphqlErrors + result.transportErrors;
        const cpu = measurements.at(-1)!.targetCpuMs;
        log(
          `[${index + 1}/${steps.length}] round ${step.round} ${step.scenario.padEnd(13)} ${TARGET_LABELS[step.target].padEnd(24)} ` +
            `${formatNumber(result.responses / result.durationSeconds).padStart(7)} req/s  p50 ${formatNumber(percentile(sorted, 0.5))} ms` +
            (cpu !== undefined && result.sent > 0 ? `  ${formatNumber(cpu / result.sent)} CPU ms/req` : '') +
            (failures > 0 ? `  ${failures} failed, e.g. ${result.sampleFailure}` : ''),
        );
      }
      const next = steps[index + 1];
      if (!next || next.scenario !== step.scenario || next.round !== step.round) {
        for (const [target, mb] of readAllRss()) rssAfter.set(`${step.scenario}/${target}`, mb);
      }
    }
    for (const [target, mb] of readAllRss()) if (mb !== undefined) rssAtEnd[target] = mb;
  } finally {
    await stack.stop();
  }

  if (cpuProfileDir) {
    const file = profileIn(cpuProfileDir);
    // From the first request on: the start (loading modules through tsx) is not what is measured.
    const options = { limit: 25, repoRoot: REPO_ROOT, startAtFunction: 'serveGraphQL' };
    if (file) profile = { file, summary: topSelfTime(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, options) };
    else log(`no .cpuprofile was written to ${cpuProfileDir}`);
  }

  const summaries = summarize(measurements, options.scenarios, (scenario, target) => rssAfter.get(`${scenario}/${target}`));
  const printed: string[] = ['', ...summaries.flatMap((s) => [formatScenario(s), ''])];
  const endRss = ([...GATEWAY_TARGETS, DIRECT_TARGET] as TargetName[])
    .filter((t) => rssAtEnd[t] !== undefined)
    .map((t) => `${TARGET_LABELS[t]} ${rssAtEnd[t]!.toFixed(0)} MB`);
  if (endRss.length > 0) printed.push(`RSS at the end: ${endRss.join(', ')}`);
  for (const p of problems) printed.push(`✗ ${p.scenario} on ${TARGET_LABELS[p.target]} was not measured: ${p.problem}`);
  if (profile) {
    printed.push(
      '',
      `CPU profile of GovGraph's gateway: ${path.relative(process.cwd(), profile.file)} ` +
        `(from the first request on: busy ${(profile.summary.busyMs / 1000).toFixed(1)} s, idle ${(profile.summary.idleMs / 1000).toFixed(1)} s; ` +
        `start left out: ${(profile.summary.skippedMs / 1000).toFixed(1)} s); top self time:`,
      ...profile.summary.functions.map((f) => `  ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}`),
    );
  }

  const resultsFile = path.join(outDir, `${stamp}.json`);
  const failedUnderLoad = summaries.some((s) => s.rows.some((r) => r.errors > 0));
  writeFileSync(
    resultsFile,
    `${JSON.stringify(
      {
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
        machine: machine(),
        options,
        targets: Object.fromEntries([...stack.targets.values()].map((t) => [t.name, { label: TARGET_LABELS[t.name], url: t.url }])),
        scenarios: summaries,
        rounds: measurements.map(({ latenciesMs, ...m }) => {
          const sorted = [...latenciesMs].sort((a, b) => a - b);
          return { ...m, requestsPerSecond: m.responses / m.durationSeconds, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
        }),
        rssAtEndMb: rssAtEnd,
        loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
        notMeasured: problems,
        ...(profile ? { cpuProfile: { file: path.relative(REPO_ROOT, profile.file), ...profile.summary } } : {}),
      },
      null,
      2,
    )}\n`,
  );
  printed.push('', `results: ${path.relative(process.cwd(), resultsFile)}`);
  log(printed.join('\n'));
  return { resultsFile, summaries, failed: problems.length > 0 || failedUnderLoad };
}
