import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { governmentUscc, openDatabase, type ImportTables } from '../packages/core/src/index.js';
import { generatedOrders } from '../subgraphs/hotline/src/testing/upstream-orders.js';
import { ImportExit, runImportCli } from './import-command.js';
import { temporaryDirectory } from '@govgraph/core/testing';

const dir = temporaryDirectory('govgraph-import-cli-');
const upstream = setupServer();
const saved = { dataDir: process.env.GOVGRAPH_DATA_DIR, seed: process.env.GOVGRAPH_SEED };

beforeAll(() => {
  // The command opens the subgraph's database where the subgraph would: here, an empty one.
  process.env.GOVGRAPH_DATA_DIR = dir;
  process.env.GOVGRAPH_SEED = 'false';
  upstream.listen({ onUnhandledRequest: 'error' });
});
afterEach(() => upstream.resetHandlers());
afterAll(() => {
  upstream.close();
  for (const [key, value] of [['GOVGRAPH_DATA_DIR', saved.dataDir], ['GOVGRAPH_SEED', saved.seed]] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runImportCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
  });
  return { code, stdout, stderr };
}

describe('npm run import', () => {
  it('explains bad arguments in one line, with exit code 2', async () => {
    expect(await run()).toMatchObject({ code: ImportExit.USAGE, stderr: 'govgraph-import: name one subgraph (service-items, certificates, cloud, hotline) (see --help)\n' });
    expect((await run('weather', '--from', 'x.csv')).stderr).toBe('govgraph-import: no importers for subgraph "weather"; known: service-items, certificates, cloud, hotline\n');
    expect((await run('hotline')).stderr).toBe('govgraph-import: --from is required: a base URL or a file (see --help)\n');
    expect((await run('hotline', '--from', 'http://h.test', '--since', 'soon')).stderr).toBe(
      'govgraph-import: --since must be a date (YYYY-MM-DD) or an ISO instant, got "soon"\n',
    );
    expect((await run('hotline', '--from', 'orders.csv', '--since', '2021-01-01')).stderr).toBe(
      'govgraph-import: --since applies to a REST source, not to a file\n',
    );
    expect((await run('hotline', '--from', 'orders.csv', '--encoding', 'latin1')).code).toBe(ImportExit.USAGE);
    expect((await run('hotline', '--from', 'orders.csv', '--resource', 'complaints')).stderr).toBe(
      'govgraph-import: no import resource "complaints"; known: work-orders\n',
    );
    expect((await run('--help')).stdout).toMatch(/^Usage: npm run import -- <subgraph> --from <url\|file>/);
  });

  it('imports a file and reports what it did', async () => {
    const file = path.join(dir, 'orders.ndjson');
    writeFileSync(file, [...generatedOrders(12, 'cli')].map((o) => JSON.stringify(o)).join('\n'));
    const first = await run('hotline', '--from', file);
    expect(first.code).toBe(ImportExit.OK);
    expect(first.stderr).toMatch(/^work-orders: 12 inserted, 0 updated, 0 unchanged, 0 quarantined \(run \d+, \d+\.\d s\)\n$/);
    const again = await run('hotline', '--from', file);
    expect(again.stderr).toMatch(/^work-orders: 0 inserted, 0 updated, 12 unchanged, 0 quarantined/);
  });

  // One record each, for an empty database: the command reaches each subgraph's importer and its
  // own database, whose empty catalogue quarantines the record's references.
  const CREDIT = governmentUscc('440800', 1);
  it.each([
    ['service-items', 'applications', { number: 'SQ20210001', itemCode: '440800XK00001', departmentCode: CREDIT, channel: 'HALL', submittedAt: '2021-05-06 09:00', updatedAt: '2021-05-06 09:00' }],
    ['certificates', 'issuance', { typeCode: `${CREDIT}001`, departmentCode: CREDIT, issueDate: '2021-05-06', issued: 3, updatedAt: '2021-05-06 20:00' }],
    ['cloud', 'allocations', { systemId: 'BS-1', systemName: '系统', departmentCode: CREDIT, origin: 'NEW_DEPLOYMENT', vcpu: 4, memory: 8, storage: 1, allocatedOn: '2021-05-06', updatedAt: '2021-05-06 20:00' }],
  ])('imports a %s export of %s', async (subgraph, resource, record) => {
    const file = path.join(dir, `${subgraph}.ndjson`);
    writeFileSync(file, JSON.stringify(record));
    const result = await run(subgraph, '--from', file, '--resource', resource);
    expect(result).toMatchObject({ code: ImportExit.OK, stderr: expect.stringMatching(new RegExp(`^${resource}: 0 inserted, 0 updated, 0 unchanged, 1 quarantined \\(run 1,`)) });
  });

  it('imports from a REST API, passing since, and fails with exit code 3 when the source does', async () => {
    const sinces: (string | null)[] = [];
    upstream.use(
      http.get('http://hotline.test/api/v1/work-orders', ({ request }) => {
        sinces.push(new URL(request.url).searchParams.get('since'));
        return HttpResponse.json({ items: [...generatedOrders(3, 'cli-rest')], nextCursor: null });
      }),
    );
    const ok = await run('hotline', '--from', 'http://hotline.test', '--since', '2021-06-01');
    expect(ok.code).toBe(ImportExit.OK);
    expect(sinces).toEqual(['2021-06-01T00:00:00+08:00']);

    upstream.use(http.get('http://hotline.test/api/v1/work-orders', () => new HttpResponse('gone', { status: 410, statusText: 'Gone' })));
    const failed = await run('hotline', '--from', 'http://hotline.test');
    expect(failed.code).toBe(ImportExit.SOURCE);
    expect(failed.stderr.split('\n').at(-2)).toBe(
      'govgraph-import: work-orders: GET http://hotline.test/api/v1/work-orders?limit=500: HTTP 410 Gone: gone',
    );
    const missing = await run('hotline', '--from', path.join(dir, 'nowhere.csv'));
    expect(missing.code).toBe(ImportExit.SOURCE);
    expect(missing.stderr.split('\n').at(-2)).toBe(`govgraph-import: work-orders: cannot read ${path.join(dir, 'nowhere.csv')}: ENOENT`);
  });

  it('refuses to run beside the same import, with exit code 4', async () => {
    const file = path.join(dir, 'busy.ndjson');
    writeFileSync(file, '');
    // A run of another live process on this machine (this one's parent).
    const { db } = openDatabase<ImportTables>({ subgraph: 'hotline' });
    const at = new Date().toISOString();
    await db
      .insertInto('import_runs')
      .values({ resource: 'work-orders', source: file, since: null, started_at: at, finished_at: null, heartbeat_at: at, status: 'RUNNING', inserted: 0, updated: 0, unchanged: 0, quarantined: 0, error: null, resumed_from: null, host: (await import('node:os')).hostname(), pid: process.ppid, instance: 'the parent' })
      .execute();
    await db.destroy();
    const busy = await run('hotline', '--from', file);
    expect(busy.code).toBe(ImportExit.BUSY);
    expect(busy.stderr).toMatch(/^govgraph-import: an import of work-orders from .+busy\.ndjson is already running \(run \d+, pid \d+/);
  });
});
