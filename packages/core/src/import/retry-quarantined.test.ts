import { describe, expect, it } from 'vitest';
import { retryQuarantined } from './retry-quarantined.js';
import { runImport, type ImportSummary } from './runner.js';
import { allThings, BASE_URL, FAST_REST, thing, things, thingsDatabase, UNKNOWN_OWNER, upstream, useUpstream } from './testing/things.js';
import { cursorApi } from './testing/upstream-api.js';

useUpstream();

describe('re-running quarantined records', () => {
  it('writes the records that now pass and marks them resolved; the rest stay open with their new reason', async () => {
    const db = await thingsDatabase();
    upstream.use(cursorApi(`${BASE_URL}/api/things`, [thing(1, { owner: UNKNOWN_OWNER }), thing(2, { owner: UNKNOWN_OWNER, name: ' ' }), thing(3)]));
    const first = await runImport({ db, resource: things, from: { url: BASE_URL, rest: FAST_REST } });
    expect(first).toMatchObject({ inserted: 1, quarantined: 2 });

    // The fix: the owner becomes known.
    await db.insertInto('owners').values({ code: UNKNOWN_OWNER }).execute();
    const committed: ImportSummary[] = [];
    const outcome = await retryQuarantined({
      db,
      imports: { resources: [things], onCommitted: (s) => void committed.push(s) },
      query: { resource: 'things' },
      limit: 100,
    });
    expect(outcome).toMatchObject({ resolved: 1, stillQuarantined: 1 });
    expect(outcome.runs).toEqual([expect.objectContaining({ resource: 'things', source: 'quarantine', status: 'SUCCEEDED', inserted: 1, quarantined: 1 })]);
    // Invalid records are quarantined before those refused by the reference check.
    expect(outcome.records.map((r) => [r.natural_key, r.status, r.reason])).toEqual([
      [null, 'OPEN', 'name: must not be empty'],
      ['T1', 'RESOLVED', `unknown owner ${UNKNOWN_OWNER}`],
    ]);
    expect(outcome.records[1]!.resolved_by_run).toBe(outcome.runs[0]!.id);
    expect((await allThings(db)).map((t) => t.id)).toEqual(['T1', 'T3']);
    // The derived counts were maintained by the same afterUpsert an import uses.
    const counts = await db.selectFrom('owner_counts').selectAll().where('owner', '=', UNKNOWN_OWNER).execute();
    expect(counts).toEqual([{ owner: UNKNOWN_OWNER, things: 1 }]);
    expect(committed).toHaveLength(1);

    const again = await retryQuarantined({ db, imports: { resources: [things] }, query: {}, limit: 100 });
    expect(again.records.map((r) => r.status)).toEqual(['OPEN']);
  });
});
