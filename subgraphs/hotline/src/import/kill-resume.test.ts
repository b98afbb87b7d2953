/**
 * The kill test: an import killed with SIGKILL in the middle, then run again, must leave the
 * database exactly as one uninterrupted import does — every order, every rollup, histogram and
 * median row and every quarantined record, none lost and none twice.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { governmentUscc, migrateToLatest, openDatabase, runImport, type ImportTables } from '@govgraph/core';
import { migrations } from '../store/migrations.js';
import type { Database } from '../store/schema.js';
import { generatedOrders } from '../testing/upstream-orders.js';
import { workOrders } from './work-orders.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ORDERS = 10_000;
const BATCH = 250;
const dir = mkdtempSync(path.join(tmpdir(), 'govgraph-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The export: generated orders, with a line that is not JSON and an unknown department now and then. */
function writeExport(): { file: string; rejected: number } {
  const file = path.join(dir, 'work-orders.ndjson');
  const lines: string[] = [];
  let n = 0;
  let rejected = 0;
  for (const order of generatedOrders(ORDERS, 'kill-test')) {
    n++;
    if (n % 997 === 0) lines.push(`{"id": "broken ${n}"`);
    else if (n % 1013 === 0) lines.push(JSON.stringify({ ...order, disposition: 'DISPATCHED', departmentCode: governmentUscc('440899', n) }));
    else lines.push(JSON.stringify(order));
    if (n % 997 === 0 || n % 1013 === 0) rejected++;
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, rejected };
}

async function open(file: string): Promise<Kysely<Database>> {
  const { db } = openDatabase<Database>({ subgraph: 'hotline', file });
  await migrateToLatest(db, migrations);
  return db;
}

/** Everything the import wrote, in an order that does not depend on how it was written. */
async function snapshot(db: Kysely<Database>) {
  const imports = db as unknown as Kysely<ImportTables>;
  return {
    orders: await db.selectFrom('work_orders').selectAll().orderBy('id').execute(),
    rollup: await db.selectFrom('work_order_rollup').selectAll().orderBy(['dimension', 'grain', 'key', 'period']).execute(),
    histogram: await db.selectFrom('work_order_handling').selectAll().orderBy(['dimension', 'grain', 'period', 'key', 'bucket']).execute(),
    medians: await db.selectFrom('work_order_medians').selectAll().orderBy(['dimension', 'grain', 'period', 'key']).execute(),
    quarantined: await imports
      .selectFrom('import_quarantine')
      .select(['resource', 'source', 'page', 'line', 'raw_text', 'record_json', 'natural_key', 'reason', 'status'])
      .orderBy('line')
      .execute(),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an import killed in the middle', () => {
  it('resumes from its last committed batch and ends identical to an uninterrupted import', async () => {
    const { file, rejected } = writeExport();
    const written = ORDERS - rejected;
    const killedDir = path.join(dir, 'killed');
    // Node itself with tsx's loader: the tsx command would run the import in a grandchild, which
    // a SIGKILL to the command would not reach.
    const args = ['--import', 'tsx', 'scripts/import.ts', 'hotline', '--from', file, '--batch-size', String(BATCH)];
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, GOVGRAPH_DATA_DIR: killedDir, GOVGRAPH_SEED: 'false' },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

    // Watch the child's database from outside and kill it once a few batches are committed.
    const killedFile = path.join(killedDir, 'hotline.sqlite');
    let watcher: Kysely<ImportTables> | undefined;
    let committed = 0;
    for (let tries = 0; committed < 3 * BATCH; tries++) {
      if (tries > 1200) throw new Error('the import never committed three batches');
      await sleep(25);
      try {
        watcher ??= openDatabase<ImportTables>({ subgraph: 'hotline', file: killedFile }).db;
        const run = await watcher.selectFrom('import_runs').select(['inserted', 'quarantined']).executeTakeFirst();
        committed = run ? run.inserted + run.quarantined : 0;
      } catch {
        // Not created or not migrated yet.
      }
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const interrupted = await watcher!.selectFrom('import_runs').selectAll().executeTakeFirstOrThrow();
    await watcher!.destroy();
    // Really in the middle: the run never finished.
    expect(interrupted.status).toBe('RUNNING');
    expect(interrupted.inserted + interrupted.unchanged + interrupted.quarantined).toBeLessThan(ORDERS);

    const killed = await open(killedFile);
    const resumed = await runImport({ db: killed, resource: workOrders, from: { file }, batchSize: BATCH });
    expect(resumed.status).toBe('SUCCEEDED');
    expect(resumed.resumedFrom).not.toBeNull();
    // Nothing read twice: the second run started where the first one's last commit ended.
    expect(resumed.unchanged).toBe(0);
    expect(interrupted.inserted + resumed.inserted).toBe(written);

    const fresh = await open(path.join(dir, 'fresh', 'hotline.sqlite'));
    const single = await runImport({ db: fresh, resource: workOrders, from: { file }, batchSize: BATCH });
    expect(single).toMatchObject({ status: 'SUCCEEDED', inserted: written, quarantined: rejected });

    const [afterKill, uninterrupted] = [await snapshot(killed), await snapshot(fresh)];
    expect(afterKill.orders).toHaveLength(written);
    expect(afterKill.quarantined).toHaveLength(rejected);
    expect(afterKill).toEqual(uninterrupted);
    const dead = await (killed as unknown as Kysely<ImportTables>).selectFrom('import_runs').selectAll().where('id', '=', interrupted.id).executeTakeFirstOrThrow();
    expect(dead).toMatchObject({ status: 'FAILED', error: expect.stringMatching(/^interrupted: process \d+ ended without finishing the run$/) });
    await killed.destroy();
    await fresh.destroy();
  }, 120_000);
});
