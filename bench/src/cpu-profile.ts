// Where a profiled process spent its time: the functions with the most self time in a V8
// .cpuprofile (what `node --cpu-prof` writes), summed over every node of the same function.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples: number[];
  /** Microseconds since the previous sample; one per sample. */
  timeDeltas: number[];
}

export interface HotFunction {
  /** `name (file:line)`, the path shortened to what follows node_modules/ or the repository. */
  name: string;
  selfMs: number;
  /** Share of all sampled time, 0..1. */
  share: number;
}

export function shortLocation(url: string, repoRoot = ''): string {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('node_modules/');
  if (inModules >= 0) return path.slice(inModules + 'node_modules/'.length);
  if (repoRoot && path.startsWith(repoRoot)) return path.slice(repoRoot.length).replace(/^\//, '');
  return path;
}

function frameName(frame: CallFrame, repoRoot: string): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  // lineNumber is 0-based in the profile.
  return `${name} (${shortLocation(frame.url, repoRoot)}:${frame.lineNumber + 1})`;
}

export interface ProfileSummary {
  /** Sampled time left out before the first sample inside `startAtFunction`, if given and found. */
  skippedMs: number;
  /** Sampled time the process was doing something (everything but `(idle)`). */
  busyMs: number;
  idleMs: number;
  /** By self time, largest first; `share` is of the busy time. */
  functions: HotFunction[];
}

/** Index of the first sample whose stack passes through a function of that name; -1 if none. */
function firstSampleIn(profile: CpuProfile, functionName: string): number {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  const inside = new Map<number, boolean>();
  const isInside = (id: number): boolean => {
    const known = inside.get(id);
    if (known !== undefined) return known;
    const up = parent.get(id);
    const answer = nameOf.get(id) === functionName || (up !== undefined && isInside(up));
    inside.set(id, answer);
    return answer;
  };
  return profile.samples.findIndex((id) => isInside(id));
}

export interface TopSelfTimeOptions {
  limit?: number;
  /** Paths under it are shown relative to it. */
  repoRoot?: string;
  /**
   * Count only from the first sample inside this function on, e.g. the server's request handler:
   * leaves out the start (module loading) so shares are those of serving requests.
   */
  startAtFunction?: string;
}

export function topSelfTime(profile: CpuProfile, options: TopSelfTimeOptions = {}): ProfileSummary {
  const { limit = 20, repoRoot = '' } = options;
  const frameOf = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<string, number>();
  const start = options.startAtFunction ? Math.max(0, firstSampleIn(profile, options.startAtFunction)) : 0;
  let skippedUs = 0;
  let busyUs = 0;
  let idleUs = 0;
  profile.samples.forEach((nodeId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    if (i < start) {
      skippedUs += Math.max(0, delta);
      return;
    }
    const frame = frameOf.get(nodeId);
    if (!frame || delta <= 0) return;
    // Waiting for I/O is not a cost of the code: kept apart so shares are of the working time.
    if (frame.functionName === '(idle)') {
      idleUs += delta;
      return;
    }
    busyUs += delta;
    const name = frameName(frame, repoRoot);
    selfUs.set(name, (selfUs.get(name) ?? 0) + delta);
  });
  const functions = [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: busyUs > 0 ? us / busyUs : 0 }));
  return { skippedMs: skippedUs / 1000, busyMs: busyUs / 1000, idleMs: idleUs / 1000, functions };
}

/**
 * Of the files `node --cpu-prof` wrote, the main thread's: Node writes one per thread, named
 * `CPU.<date>.<time>.<pid>.<thread id>.<sequence>.cpuprofile`, and the main thread is thread 0
 * (under tsx the loader hooks run on a thread of their own, busy only while modules load).
 */
export function mainThreadProfile(files: readonly string[]): string | undefined {
  const profiles = files.filter((f) => f.endsWith('.cpuprofile'));
  const main = profiles.filter((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)).sort();
  return main.at(-1) ?? profiles.sort().at(-1);
}
