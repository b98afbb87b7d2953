/**
 * `npm start`: the whole graph on this machine. Starts the four subgraphs (each creates and seeds
 * its embedded database on first start, in parallel) and the gateway, as child processes with one
 * prefixed log stream; prints the URLs when the gateway reports ready; Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { SUBGRAPHS } from '../packages/core/src/subgraph-registry.js';
import { ensureDevJwtSecret, randomSecret } from '../packages/core/src/dev-secrets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const gatewayPort = Number(process.env.GATEWAY_PORT ?? 4000);
const children = new Map<string, ChildProcess>();
const nodeEnv = process.env.NODE_ENV ?? 'development';

// Secrets. In development: caller tokens are verified with the persisted dev secret (shared with
// `npm run token`), and the gateway↔subgraph secret is fresh for every run. In production both
// must be configured; the gateway and subgraphs refuse to start otherwise.
const secrets: Record<string, string> = {};
if (nodeEnv !== 'production') {
  const noKeyConfigured = !process.env.GOVGRAPH_JWT_SECRET && !process.env.GOVGRAPH_JWKS_URL && !process.env.GOVGRAPH_JWKS_FILE;
  if (noKeyConfigured) secrets.GOVGRAPH_JWT_SECRET = ensureDevJwtSecret();
  if (!process.env.GOVGRAPH_INTERNAL_SECRET) secrets.GOVGRAPH_INTERNAL_SECRET = randomSecret();
}
let stopping = false;

const colors = [36, 33, 35, 32, 34];
function prefixed(name: string, index: number, text: string): string {
  const tag = process.stdout.isTTY ? `\x1b[${colors[index % colors.length]}m${name.padEnd(13)}\x1b[0m` : name.padEnd(13);
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => `${tag} | ${line}\n`)
    .join('');
}

function launch(name: string, script: string, index: number): void {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    // GOVGRAPH_GATEWAY_URL: a subgraph whose scheduled import changed data tells the gateway to
    // drop its cached answers.
    env: { GOVGRAPH_GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`, ...process.env, ...secrets, NODE_ENV: nodeEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(name, child);
  child.stdout!.on('data', (chunk: Buffer) => process.stdout.write(prefixed(name, index, chunk.toString())));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(prefixed(name, index, chunk.toString())));
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      process.stderr.write(prefixed(name, index, `exited (${signal ?? code}); stopping the graph`));
      void stop(1);
    } else if (children.size === 0) {
      process.exit(exitCode);
    }
  });
}

let exitCode = 0;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  // A child that ignores SIGTERM is not allowed to keep the terminal.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(exitCode);
  }, 10_000).unref();
  if (children.size === 0) process.exit(exitCode);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

async function waitUntilReady(): Promise<void> {
  const started = Date.now();
  while (!stopping) {
    try {
      const res = await fetch(`http://127.0.0.1:${gatewayPort}/ready`);
      if (res.ok) {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(
          [
            '',
            `GovGraph is up (ready in ${seconds} s).`,
            `  gateway        http://127.0.0.1:${gatewayPort}/graphql`,
            ...SUBGRAPHS.map((s) => `  ${s.name.padEnd(14)} http://127.0.0.1:${s.port}/graphql`),
            '  Ctrl-C stops everything.',
            '',
          ].join('\n'),
        );
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

SUBGRAPHS.forEach((s, i) => launch(s.name, path.join('subgraphs', s.name, 'src', 'main.ts'), i));
launch('gateway', path.join('gateway', 'src', 'main.ts'), SUBGRAPHS.length);
void waitUntilReady();
