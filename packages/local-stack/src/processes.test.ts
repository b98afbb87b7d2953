import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './ports.js';
import { startProcess, stopAllProcesses, waitForOk } from './processes.js';

describe('freePort', () => {
  it('gives a port that can then be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    expect((server.address() as { port: number }).port).toBe(port);
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('startProcess and waitForOk', () => {
  it('start the script with the given node options and environment, and report a process that dies early', async () => {
    const proc = startProcess('fixture', 'packages/local-stack/src/__fixtures__/says-how-it-was-started.ts', { FIXTURE_MARKER: 'm-1' }, { nodeArgs: ['--max-old-space-size=128'] });
    const port = await freePort();
    const failure = await waitForOk(`http://127.0.0.1:${port}/health`, proc, 20_000).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toMatch(/fixture exited with 3/);
    const started = JSON.parse(proc.output().trim().split('\n')[0]!) as { execArgv: string[]; nodeEnv: string; marker: string };
    expect(started.execArgv).toContain('--max-old-space-size=128');
    expect(started.nodeEnv).toBe('development');
    expect(started.marker).toBe('m-1');
    await stopAllProcesses();
  }, 30_000);
});

describe('onLine', () => {
  it('hands over each whole line the process writes', async () => {
    const proc = startProcess('fixture', 'packages/local-stack/src/__fixtures__/says-how-it-was-started.ts', { FIXTURE_MARKER: 'm-2' });
    const lines: string[] = [];
    proc.onLine((line) => lines.push(line));
    // 'close' comes after the process's output has all been read.
    await new Promise((resolve) => proc.child.once('close', resolve));
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.parse(lines[0]!)).toMatchObject({ marker: 'm-2' });
    await stopAllProcesses();
  }, 30_000);
});
