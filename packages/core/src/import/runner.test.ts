import { hostname } from 'node:os';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { readCursor } from './cursors.js';
import type { ImportResource } from './resource.js';
import { ImportBusyError, openRun } from './run-log.js';
import { runImport, type ImportSummary } from './runner.js';
import {
  allThings,
  BASE_URL,
  FAST_REST,
  importView,
  OWNER_A,
  thing,
  things,
  thingsDatabase,
  UNKNOWN_OWNER,
  upstream,
  useUpstream,
  type Thing,
  type ThingsDatabase,
} from './testing/things.js';
import { cursorApi } from './testing/upstream-api.js';

useUpstream();

const rest = { url: BASE_URL, rest: FAST_REST };
const SOURCE = `${BASE_URL}/api/things`;

function serve(records: unknown[]): void {
  upstream.use(cursorApi(`${BASE_URL}/api/things`, records));
}

describe('the import runner', () => {
  it('quarantines invalid records with readable reasons and keeps the newest of duplicates', async () => {
    const db = await thingsDatabase();
    serve([
      thing(1, { name: 'old', updatedAt: '2021-03-01 08:00' }),
      thing(1, { name: 'new', updatedAt: '2021-03-01 09:00' }),
      thing(1, { name: 'older', updatedAt: '2021-03-01 07:00' }),
      thing(2, { updatedAt: '2021-02-30 08:00' }),
      thing(3, { owner: '11440800000000019A' }),
      { id: 'T4' },
      thing(5),
    ]);
    const summary = await runImport({ db, resource: things, from: rest });
    // Seven read: two written, two duplicates superseded (unchanged), three quarantined.
    expect(summary).toMatchObject({ status: 'SUCCEEDED', inserted: 2, updated: 0, unchanged: 2, quarantined: 3 });
    expect((await allThings(db)).map((t) => [t.id, t.name])).toEqual([
      ['T1', 'new'],
      ['T5', 'thing 5'],
    ]);
    const reasons = await db.selectFrom('import_quarantine').select(['reason', 'page', 'line', 'raw_text']).orderBy('id').execute();
    expect(reasons.map((r) => r.reason)).toEqual([
      'updatedAt: not a date and time ("2021-02-30 08:00")',
      'owner: credit code 11440800000000019A has check character A, expected D',
      'name: missing; owner: missing; updatedAt: missing',
    ]);
    expect(reasons[0]).toMatchObject({ page: 'first', line: null, raw_text: JSON.stringify(thing(2, { updatedAt: '2021-02-30 08:00' })) });
  });

  it('never lets an older version overwrite a newer one, and takes a later update', async () => {
    const db = await thingsDatabase();
    serve([thing(1, { name: 'second', updatedAt: '2021-03-02 08:00' })]);
    await runImport({ db, resource: things, from: rest });
    serve([thing(1, { name: 'first', updatedAt: '2021-03-01 08:00' })]);
    const late = await runImport({ db, resource: things, from: rest });
    expect(late).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    expect((await allThings(db))[0]!.name).toBe('second');
    serve([thing(1, { name: 'third', updatedAt: '2021-03-03 08:00' })]);
    const update = await runImport({ db, resource: things, from: rest });
    expect(update).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect((await allThings(db))[0]).toMatchObject({ name: 'third', version: '2021-03-03T08:00:00+08:00' });
  });

  it('quarantines a record that refers to an unknown owner instead of writing an orphan', async () => {
    const db = await thingsDatabase();
    serve([thing(1), thing(2, { owner: UNKNOWN_OWNER })]);
    const summary = await runImport({ db, resource: things, from: rest });
    expect(summary).toMatchObject({ inserted: 1, quarantined: 1 });
    expect(await db.selectFrom('import_quarantine').select(['reason', 'natural_key']).execute()).toEqual([
      { reason: `unknown owner ${UNKNOWN_OWNER}`, natural_key: 'T2' },
    ]);
  });

  it('changes nothing when the same data is imported again', async () => {
    const db = await thingsDatabase();
    const records = Array.from({ length: 25 }, (_, i) => thing(i + 1));
    serve(records);
    const committed: ImportSummary[] = [];
    const first = await runImport({ db, resource: things, from: rest, batchSize: 10, onCommitted: (s) => void committed.push(s) });
    const before = await allThings(db);
    const second = await runImport({ db, resource: things, from: rest, batchSize: 10, onCommitted: (s) => void committed.push(s) });
    expect(first).toMatchObject({ inserted: 25, updated: 0, unchanged: 0 });
    expect(second).toMatchObject({ status: 'SUCCEEDED', inserted: 0, updated: 0, unchanged: 25, quarantined: 0 });
    expect(await allThings(db)).toEqual(before);
    // Only the run that changed data asks for caches to be dropped.
    expect(committed.map((s) => s.runId)).toEqual([first.runId]);
  });

  it('rolls a batch back whole when writing it fails: no rows, no cursor move, no counts', async () => {
    const db = await thingsDatabase();
    serve(Array.from({ length: 6 }, (_, i) => thing(i + 1)));
    let batches = 0;
    const failingSecondBatch: ImportResource<ThingsDatabase, Thing> = {
      ...things,
      async afterUpsert(trx, records) {
        if (++batches === 2) throw new Error('rollup failed');
        await things.afterUpsert!(trx, records);
      },
    };
    const summary = await runImport({ db, resource: failingSecondBatch, from: rest, batchSize: 3 });
    expect(summary).toMatchObject({ status: 'FAILED', failure: 'internal', error: 'rollup failed', inserted: 3 });
    expect((await allThings(db)).map((t) => t.id)).toEqual(['T1', 'T2', 'T3']);
    expect((await readCursor(importView(db), { resource: 'things', source: SOURCE }))?.position).toBe('{"cursor":"3"}');
  });

  it('stops at a batch boundary when signalled, and the next run resumes there', async () => {
    const db = await thingsDatabase();
    serve(Array.from({ length: 9 }, (_, i) => thing(i + 1)));
    const stop = new AbortController();
    const stopped = await runImport({
      db,
      resource: { ...things, afterUpsert: async () => stop.abort() },
      from: rest,
      batchSize: 3,
      signal: stop.signal,
    });
    expect(stopped).toMatchObject({ status: 'FAILED', failure: 'stopped', inserted: 3 });
    const resumed = await runImport({ db, resource: things, from: rest, batchSize: 3 });
    expect(resumed).toMatchObject({ status: 'SUCCEEDED', inserted: 6, unchanged: 0, resumedFrom: '{"cursor":"3"}' });
    expect(await allThings(db)).toHaveLength(9);
  });

  it('continues from the newest version committed when asked to import incrementally', async () => {
    const db = await thingsDatabase();
    const sinces: (string | null)[] = [];
    upstream.use(
      http.get(`${BASE_URL}/api/things`, ({ request }) => {
        sinces.push(new URL(request.url).searchParams.get('since'));
        return HttpResponse.json({ items: [thing(1, { updatedAt: '2021-05-01 10:00' })], nextCursor: null });
      }),
    );
    await runImport({ db, resource: things, from: rest, incremental: true });
    await runImport({ db, resource: things, from: rest, incremental: true });
    expect(sinces).toEqual([null, '2021-05-01T10:00:00+08:00']);
  });

  it('refuses to overlap a live run of the same import, and closes one whose process died', async () => {
    const db = await thingsDatabase();
    serve([thing(1)]);
    const live = await openRun(importView(db), { resource: 'things', source: SOURCE });
    await expect(runImport({ db, resource: things, from: rest })).rejects.toBeInstanceOf(ImportBusyError);

    // Another process, whose id no process has now: the run was left behind by a killed importer.
    await db.updateTable('import_runs').set({ pid: 2 ** 22 + 12345, instance: 'killed' }).where('id', '=', live).execute();
    const summary = await runImport({ db, resource: things, from: rest });
    expect(summary.status).toBe('SUCCEEDED');
    const dead = await db.selectFrom('import_runs').selectAll().where('id', '=', live).executeTakeFirstOrThrow();
    expect(dead).toMatchObject({ status: 'FAILED', error: `interrupted: process ${2 ** 22 + 12345} ended without finishing the run` });
  });

  it('knows a run with its own process id that it did not open is a dead predecessor (a restarted container)', async () => {
    const db = await thingsDatabase();
    serve([thing(1)]);
    const at = new Date().toISOString();
    const { id } = await importView(db)
      .insertInto('import_runs')
      .values({ resource: 'things', source: SOURCE, since: null, started_at: at, finished_at: null, heartbeat_at: at, status: 'RUNNING', inserted: 0, updated: 0, unchanged: 0, quarantined: 0, error: null, resumed_from: null, host: hostname(), pid: process.pid, instance: 'a process before this one' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await runImport({ db, resource: things, from: rest })).status).toBe('SUCCEEDED');
    const dead = await importView(db).selectFrom('import_runs').select(['status', 'error']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(dead).toEqual({ status: 'FAILED', error: `interrupted: process ${process.pid} ended without finishing the run` });
  });

  it('counts every record read exactly once', async () => {
    const db = await thingsDatabase();
    const records = [thing(1), thing(1), thing(2, { owner: UNKNOWN_OWNER }), { nonsense: true }, thing(3, { owner: OWNER_A })];
    serve(records);
    const s = await runImport({ db, resource: things, from: rest, batchSize: 2 });
    expect(s.inserted + s.updated + s.unchanged + s.quarantined).toBe(records.length);
  });
});
