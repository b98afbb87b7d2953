import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './main.js';
import { emptyYear, fixture2021 } from './testing/fixture-2021.js';
import { MOCK_ENDPOINT, mockGateway, server, useMockServer } from './testing/mock-gateway.js';
import { readZipEntry } from './testing/zip.js';

useMockServer();

interface Captured {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
}

function capture(env: Record<string, string | undefined> = {}, isTTY = false): Captured {
  const out: (string | Uint8Array)[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (chunk) => out.push(chunk), isTTY },
      stderr: { write: (chunk) => err.push(chunk) },
      env,
    },
    stdout: () => out.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString('utf8'))).join(''),
    stderr: () => err.join(''),
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'govgraph-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runCli', () => {
  it('writes Markdown to stdout by default, and nothing on stderr when all is there', async () => {
    server.use(mockGateway({ data: fixture2021() }).handler);
    const run = capture();
    expect(await runCli(['--year', '2021', '--endpoint', MOCK_ENDPOINT], run.io)).toBe(0);
    expect(run.stdout()).toMatch(/^# 湛江市政务服务和数据管理2021年度工作数据报告\n/);
    expect(run.stdout()).toContain('65.2万宗');
    expect(run.stderr()).toBe('');
  });

  it('takes the endpoint and token from the environment', async () => {
    const gateway = mockGateway({ data: fixture2021() });
    server.use(gateway.handler);
    const run = capture({ GOVGRAPH_ENDPOINT: MOCK_ENDPOINT, GOVGRAPH_TOKEN: 'env-token' });
    expect(await runCli(['--year', '2021'], run.io)).toBe(0);
    expect(gateway.requests[0]!.authorization).toBe('Bearer env-token');
  });

  it('writes HTML and DOCX files with --out, reporting size and timings on stderr', async () => {
    server.use(mockGateway({ data: fixture2021() }).handler);
    const htmlFile = path.join(dir, 'nested', 'report.html');
    const html = capture();
    expect(await runCli(['--year', '2021', '--format', 'html', '--out', htmlFile, '--endpoint', MOCK_ENDPOINT], html.io)).toBe(0);
    expect((await readFile(htmlFile, 'utf8')).match(/<svg\b/g)).toHaveLength(3);
    expect(html.stderr()).toMatch(/^wrote .*report\.html \(html, [\d.]+ KiB\): fetched in [\d.]+ s, rendered in [\d.]+ s\n$/);

    const docxFile = path.join(dir, 'report.docx');
    const docx = capture();
    expect(await runCli(['--year', '2021', '--format', 'docx', '--out', docxFile, '--endpoint', MOCK_ENDPOINT], docx.io)).toBe(0);
    const xml = readZipEntry(await readFile(docxFile), 'word/document.xml')!.toString('utf8');
    expect(xml).toContain('>924.3万张<');
  });

  it('still writes the report when a subgraph is down, with warnings on stderr', async () => {
    server.use(mockGateway({ data: fixture2021(), down: ['cloud'] }).handler);
    const run = capture();
    expect(await runCli(['--year', '2021', '--endpoint', MOCK_ENDPOINT], run.io)).toBe(0);
    expect(run.stdout()).toContain('| 政务云VCPU | （数据暂缺） |');
    expect(run.stderr()).toContain('warning: the cloud subgraph is unavailable');
    expect(run.stderr()).toContain('warning: 政务云VCPU (cloud.capacity.vcpu) is unavailable');
  });

  it('refuses a year with no data: a clear message, exit 6, no report', async () => {
    server.use(mockGateway({ data: emptyYear() }).handler);
    const run = capture();
    expect(await runCli(['--year', '2019', '--endpoint', MOCK_ENDPOINT], run.io)).toBe(6);
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toMatch(/^govgraph-report: no data for 2019: [^\n]+\n$/);
  });

  it.each([
    [[], /--year is required/],
    [['--year', '21'], /four-digit year/],
    [['--year', '1999'], /between 2000 and 2100/],
    [['--year', '2021', '--format', 'pdf'], /--format must be one of md, html, docx/],
    [['--year', '2021', '--endpoint', 'ftp://x'], /--endpoint must be an http\(s\) URL/],
    [['--year', '2021', '--colour'], /Unknown option '--colour'/],
  ])('rejects bad arguments %j with exit 2 and one line', async (argv, message) => {
    const run = capture();
    expect(await runCli(argv, run.io)).toBe(2);
    expect(run.stderr()).toMatch(message);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
  });

  it('will not spill a DOCX onto a terminal', async () => {
    const run = capture({}, true);
    expect(await runCli(['--year', '2021', '--format', 'docx'], run.io)).toBe(2);
    expect(run.stderr()).toMatch(/pass --out FILE/);
  });

  it('prints its usage with --help', async () => {
    const run = capture();
    expect(await runCli(['--help'], run.io)).toBe(0);
    expect(run.stdout()).toMatch(/^Usage: npm run report -- --year YEAR/);
  });
});

describe('the cli.ts executable', () => {
  const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

  const runProcess = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(tsx, [cli, ...args], { env: { ...process.env, GOVGRAPH_TOKEN: '' } }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });

  it('exits 3 with one line when nothing listens at the endpoint', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const result = await runProcess(['--year', '2021', '--endpoint', `http://127.0.0.1:${port}/graphql`]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`govgraph-report: cannot reach the gateway at http://127.0.0.1:${port}/graphql: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  }, 30_000);

  it('exits 4 with one line when the gateway refuses the token', async () => {
    const gateway = http.createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'invalid token', extensions: { code: 'UNAUTHENTICATED' } }] }));
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const { port } = gateway.address() as AddressInfo;
    try {
      const result = await runProcess(['--year', '2021', '--endpoint', `http://127.0.0.1:${port}/graphql`, '--token', 'bad']);
      expect(result.code).toBe(4);
      expect(result.stderr).toBe(
        'govgraph-report: the gateway refused the request (HTTP 401): the token was not accepted (invalid token)\n',
      );
    } finally {
      await new Promise<void>((resolve) => gateway.close(() => resolve()));
    }
  }, 30_000);
});
