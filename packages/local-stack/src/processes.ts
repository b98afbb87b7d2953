import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from '@govgraph/core';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** The last 20,000 characters the process wrote (stdout and stderr). */
  output: () => string;
  /** Calls `listener` with every whole line the process writes from now on; returns an unsubscribe. */
  onLine: (listener: (line: string) => void) => () => void;
  stop: () => Promise<void>;
}

// Every process started here and still running, so that a tool interrupted half-way through
// starting a stack can stop what it started (see stopAllProcesses).
const running = new Set<ServiceProcess>();

/** Stops every process this module started that is still running. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

export interface StartProcessOptions {
  /** Node options placed before the script, e.g. `--cpu-prof`. */
  nodeArgs?: readonly string[];
}

/**
 * Starts one of the project's services (a TypeScript file, relative to the repository root) as
 * its own Node process, exactly as `npm start` does. NODE_ENV is `development` unless `env` says
 * otherwise.
 */
export function startProcess(
  name: string,
  script: string,
  env: Record<string, string>,
  options: StartProcessOptions = {},
): ServiceProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const listeners = new Set<(line: string) => void>();
  // Each stream keeps its unfinished last line until the rest of it arrives.
  const splitter = () => {
    let partial = '';
    return (chunk: Buffer) => {
      const text = chunk.toString();
      log = (log + text).slice(-20_000);
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) for (const listener of listeners) listener(line);
    };
  };
  child.stdout!.on('data', splitter());
  child.stderr!.on('data', splitter());
  const proc: ServiceProcess = {
    name,
    child,
    output: () => log,
    onLine: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
  running.add(proc);
  child.once('exit', () => running.delete(proc));
  return proc;
}

/**
 * Polls `url` until it answers 200, the process dies, or `timeoutMs` passes. `init` for a probe
 * other than a plain GET, e.g. a GraphQL POST to a server without a health route.
 */
export async function waitForOk(url: string, proc: ServiceProcess, timeoutMs: number, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new Error(`${proc.name} exited with ${proc.child.exitCode} before ${url} answered:\n${proc.output()}`);
    }
    try {
      const res = await fetch(url, init);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms:\n${proc.output()}`);
}
