// `npm run bench -- [options]`: the command line, parsed without touching the process so tests can
// call it. Defaults keep a whole run within about five minutes on a 2-core machine.
import { parseArgs } from 'node:util';
import { SCENARIO_NAMES, type ScenarioName } from './scenarios.js';
import { GATEWAY_TARGETS, isGatewayTarget, type GatewayTarget } from './targets.js';

export interface BenchOptions {
  connections: number;
  /** Seconds of timed load per scenario, target and round. */
  durationSeconds: number;
  rounds: number;
  /** Seconds of untimed load per target before the first round. */
  warmupSeconds: number;
  scenarios: ScenarioName[];
  targets: GatewayTarget[];
  /** Running gateways to measure instead of starting the stack, by target name. */
  gatewayUrls: Partial<Record<GatewayTarget, string>>;
  /** With gatewayUrls: the running hotline subgraph, for `direct`. */
  subgraphUrl: string | undefined;
  /** Bearer token for running gateways; default: one minted with GOVGRAPH_JWT_SECRET. */
  token: string | undefined;
  cpuProf: boolean;
  /** The whole run is stopped past this, whatever it is doing. */
  timeoutMinutes: number;
  outDir: string;
  help: boolean;
}

export const DEFAULTS = {
  connections: 8,
  durationSeconds: 5,
  rounds: 2,
  warmupSeconds: 3,
  timeoutMinutes: 10,
  outDir: 'bench-results',
} as const;

export const USAGE = `Usage: npm run bench -- [options]

  --connections N       concurrent connections (default ${DEFAULTS.connections})
  --duration S          seconds of timed load per scenario, target and round (default ${DEFAULTS.durationSeconds})
  --rounds N            rounds; targets alternate order each round so drift cancels (default ${DEFAULTS.rounds})
  --warmup S            seconds of untimed load per target first (default ${DEFAULTS.warmupSeconds})
  --scenarios LIST      comma-separated, of ${SCENARIO_NAMES.join(', ')} (default all)
  --targets LIST        comma-separated, of ${GATEWAY_TARGETS.join(', ')} (default all)
  --gateway-url [T=]URL a running gateway to measure instead of starting the stack; T is a target
                        name (default govgraph); repeat for several
  --subgraph-url URL    with --gateway-url: the running hotline subgraph, for \`direct\`
  --token TOKEN         with --gateway-url: the bearer token to send (default: minted with
                        GOVGRAPH_JWT_SECRET, else the development secret of \`npm start\`)
  --cpu-prof            run GovGraph's gateway (cache off) under node --cpu-prof; the profile
                        and its top self-time functions go to the output folder
  --timeout-minutes N   stop the whole run past this (default ${DEFAULTS.timeoutMinutes})
  --out DIR             where the JSON results go (default ${DEFAULTS.outDir}/)
  -h, --help            this text`;

function positiveInteger(value: string | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n <= 0) {
    throw new Error(`${option} must be a positive whole number, got "${value}"`);
  }
  return n;
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T[] {
  if (value === undefined) return [...allowed];
  const names = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const unknown = names.filter((n) => !(allowed as readonly string[]).includes(n));
  if (unknown.length > 0) throw new Error(`${option}: unknown ${unknown.join(', ')} (known: ${allowed.join(', ')})`);
  if (names.length === 0) throw new Error(`${option} is empty`);
  // In the catalogue's order, once each, whatever order they were typed in.
  return allowed.filter((a) => names.includes(a));
}

function loopbackUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${option}: not a URL: "${value}"`);
  }
  // The benchmark loads what it measures hard: never anything but this machine.
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.protocol !== 'http:') {
    throw new Error(`${option}: only http URLs on this machine (127.0.0.1, localhost, [::1]) are measured, got "${value}"`);
  }
  return url.toString();
}

function gatewayUrls(values: readonly string[]): Partial<Record<GatewayTarget, string>> {
  const urls: Partial<Record<GatewayTarget, string>> = {};
  for (const value of values) {
    const match = /^([a-z-]+)=(.+)$/.exec(value);
    const [target, url] = match ? [match[1]!, match[2]!] : ['govgraph', value];
    if (!isGatewayTarget(target)) throw new Error(`--gateway-url: unknown target "${target}" (known: ${GATEWAY_TARGETS.join(', ')})`);
    if (urls[target]) throw new Error(`--gateway-url: ${target} given twice`);
    urls[target] = loopbackUrl(url, '--gateway-url');
  }
  return urls;
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      connections: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      scenarios: { type: 'string' },
      targets: { type: 'string' },
      'gateway-url': { type: 'string', multiple: true },
      'subgraph-url': { type: 'string' },
      token: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      'timeout-minutes': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });

  const external = gatewayUrls(values['gateway-url'] ?? []);
  const usingRunningStack = Object.keys(external).length > 0;
  const subgraphUrl = values['subgraph-url'] !== undefined ? loopbackUrl(values['subgraph-url'], '--subgraph-url') : undefined;
  if (!usingRunningStack && (subgraphUrl !== undefined || values.token !== undefined)) {
    throw new Error('--subgraph-url and --token go with --gateway-url (a running stack); without it the benchmark starts its own');
  }

  let targets = list(values.targets, GATEWAY_TARGETS, '--targets');
  let scenarios = list(values.scenarios, SCENARIO_NAMES, '--scenarios');
  if (usingRunningStack) {
    if (values.targets !== undefined) {
      const missing = targets.filter((t) => !external[t]);
      if (missing.length > 0) throw new Error(`--targets ${missing.join(', ')}: no --gateway-url given for ${missing.length > 1 ? 'them' : 'it'}`);
    } else {
      targets = GATEWAY_TARGETS.filter((t) => external[t]);
    }
    if (subgraphUrl === undefined) {
      if (values.scenarios !== undefined && scenarios.includes('direct')) {
        throw new Error('--scenarios direct with --gateway-url needs --subgraph-url (the running hotline subgraph)');
      }
      scenarios = scenarios.filter((s) => s !== 'direct');
    }
    if (values['cpu-prof']) throw new Error('--cpu-prof profiles a gateway the benchmark starts; it cannot go with --gateway-url');
  }
  if (values['cpu-prof'] && !targets.includes('govgraph')) throw new Error('--cpu-prof profiles the govgraph target: include it in --targets');

  return {
    connections: positiveInteger(values.connections, DEFAULTS.connections, '--connections'),
    durationSeconds: positiveInteger(values.duration, DEFAULTS.durationSeconds, '--duration'),
    rounds: positiveInteger(values.rounds, DEFAULTS.rounds, '--rounds'),
    warmupSeconds: values.warmup === '0' ? 0 : positiveInteger(values.warmup, DEFAULTS.warmupSeconds, '--warmup'),
    scenarios,
    targets,
    gatewayUrls: external,
    subgraphUrl,
    token: values.token,
    cpuProf: values['cpu-prof'] ?? false,
    timeoutMinutes: positiveInteger(values['timeout-minutes'], DEFAULTS.timeoutMinutes, '--timeout-minutes'),
    outDir: values.out ?? DEFAULTS.outDir,
    help: values.help ?? false,
  };
}
