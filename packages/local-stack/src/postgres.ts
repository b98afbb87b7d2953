import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './ports.js';

export interface RunningPostgres {
  /** `postgres://…` for the one database the server holds (`govgraph`), over TCP on 127.0.0.1. */
  url: string;
  port: number;
  /** The temp directory holding its data and socket, deleted by `stop`. */
  directory: string;
  /** Stops the server (fast shutdown) and deletes its data directory. */
  stop: () => Promise<void>;
}

export interface StartPostgresOptions {
  /** Where the server's output goes, a line at a time; default: kept and shown only on failure. */
  log?: (line: string) => void;
}

/**
 * PostgreSQL's server programs (initdb, postgres): on PATH, else where Debian's `postgresql`
 * package puts them (/usr/lib/postgresql/<major>/bin, the newest major), or GOVGRAPH_PG_BIN.
 */
export function postgresBinDir(): string {
  const chosen = process.env.GOVGRAPH_PG_BIN;
  if (chosen) return chosen;
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  // The real directory, not a symlink's: psql sits beside initdb there.
  if (onPath) return path.dirname(realpathSync(onPath));
  const debian = '/usr/lib/postgresql';
  const majors = existsSync(debian) ? readdirSync(debian).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = majors.map((m) => path.join(debian, m, 'bin')).find((dir) => existsSync(path.join(dir, 'initdb')));
  if (!found) throw new Error('PostgreSQL is not installed: run scripts/ensure-postgres.sh (or set GOVGRAPH_PG_BIN)');
  return found;
}

/**
 * initdb and postgres refuse to run as root (tests and CI run as root): as root, both run as the
 * `postgres` system user Debian's package creates, in a directory handed to that user.
 */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) throw new Error('running as root needs the `postgres` system user (Debian\'s postgresql package creates it)');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

// Durability is worthless for a throwaway test server, and bulk seeding is the cost that matters.
const THROWAWAY_SETTINGS = [
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'wal_level=minimal',
  'max_wal_senders=0',
  'max_wal_size=4GB',
  'checkpoint_timeout=1h',
  'autovacuum=off',
  'shared_buffers=256MB',
  'maintenance_work_mem=256MB',
  'work_mem=16MB',
  'max_connections=100',
  'log_min_messages=warning',
];

/** Servers started here and not yet stopped, with their directories. */
const running = new Map<ChildProcess, string>();
// A test run that ends without calling stop still takes its servers and their directories with
// it. An exit handler cannot wait, so the server is killed outright (its backends follow when
// they see the postmaster gone); nothing of it is worth keeping.
process.once('exit', () => {
  for (const [child, dir] of running) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster in a new directory under the OS temp
 * folder, listening on a free port of 127.0.0.1 (its unix socket in that directory, not the
 * system's), with durability off for speed. Resolves once it accepts connections; `stop` shuts
 * it down and deletes the directory. Never touches a system-wide PostgreSQL.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const user = serverUser();
  const dir = mkdtempSync(path.join(tmpdir(), 'govgraph-pg-'));
  let output = '';
  const note = (text: string) => {
    output = (output + text).slice(-20_000);
    if (options.log) for (const line of text.split('\n')) if (line) options.log(line);
  };
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (user) chownSync(dir, user.uid, user.gid);
    const password = randomBytes(18).toString('base64url');
    const passwordFile = path.join(dir, 'password');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user) chownSync(passwordFile, user.uid, user.gid);
    const data = path.join(dir, 'data');
    const init = spawnSync(
      path.join(bin, 'initdb'),
      ['-D', data, '-U', 'govgraph', `--pwfile=${passwordFile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { encoding: 'utf8', ...(user ?? {}) },
    );
    rmSync(passwordFile);
    if (init.status !== 0) throw new Error(`initdb failed (${init.status ?? init.signal}):\n${init.stdout}${init.stderr}`);

    const port = await freePort();
    const settings = [...THROWAWAY_SETTINGS, `port=${port}`, 'listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`];
    const child = spawn(path.join(bin, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ?? {}),
    });
    running.set(child, dir);
    child.stdout!.on('data', (chunk: Buffer) => note(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => note(chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    void exited.then(() => running.delete(child));

    const base = `postgres://govgraph:${password}@127.0.0.1:${port}`;
    // psql over the unix socket in our directory (trusted there), as the server's own user.
    const psql = (database: string, statement: string) =>
      spawnSync(path.join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', 'govgraph', '-d', database, '-c', statement], {
        encoding: 'utf8',
        ...(user ?? {}),
      });
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown: disconnects clients, no checkpoint wait worth the name
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      cleanUp();
    };
    try {
      await waitUntilReady(() => psql('postgres', 'select 1'), child, () => output);
      const created = psql('postgres', 'create database govgraph');
      if (created.status !== 0) throw new Error(`create database failed: ${created.stderr}`);
    } catch (error) {
      await stop();
      throw error;
    }
    return { url: `${base}/govgraph`, port, directory: dir, stop };
  } catch (error) {
    cleanUp();
    throw error;
  }
}

async function waitUntilReady(probe: () => ReturnType<typeof spawnSync>, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`postgres exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    if (probe().status === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`postgres did not accept connections within 30 s:\n${output()}`);
}
