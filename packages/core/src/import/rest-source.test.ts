import { delay, http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readCursor } from './cursors.js';
import { runImport } from './runner.js';
import type { RetryEvent } from './upstream-request.js';
import {
  allThings,
  BASE_URL,
  FAST_REST,
  importView,
  OWNER_A,
  OWNER_B,
  pagedThings,
  thing,
  things,
  thingsDatabase,
  upstream,
  useUpstream,
} from './testing/things.js';
import { cursorApi, pagedApi } from './testing/upstream-api.js';

useUpstream();
afterEach(() => {
  vi.useRealTimers();
});

/** The clock the backoff and the rate bound read, faked so a test of a 1 s wait takes no second. */
function fakeClock(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
}

/** Runs `work` while moving the fake clock on until it settles. */
async function settle<T>(work: Promise<T>): Promise<T> {
  let done = false;
  const result = work.finally(() => {
    done = true;
  });
  while (!done) await vi.advanceTimersByTimeAsync(100);
  return result;
}

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => thing(i + from));

describe('REST import', () => {
  it('follows cursors across many pages, passing since and the page size', async () => {
    const db = await thingsDatabase();
    const requests: URL[] = [];
    upstream.use(cursorApi(`${BASE_URL}/api/things`, range(103), requests));
    const summary = await runImport({
      db,
      resource: things,
      from: { url: BASE_URL, rest: FAST_REST },
      since: '2021-01-01T00:00:00+08:00',
      batchSize: 10,
    });
    expect(summary).toMatchObject({ status: 'SUCCEEDED', inserted: 103, updated: 0, unchanged: 0, quarantined: 0 });
    expect(requests).toHaveLength(11);
    expect(requests.every((u) => u.searchParams.get('since') === '2021-01-01T00:00:00+08:00')).toBe(true);
    expect(requests.map((u) => u.searchParams.get('cursor'))).toEqual([null, ...Array.from({ length: 10 }, (_, i) => String((i + 1) * 10))]);
    expect((await allThings(db)).map((t) => t.id)).toHaveLength(103);
    // afterUpsert ran in the batches: the derived counts match the rows.
    const counts = await db.selectFrom('owner_counts').selectAll().execute();
    expect(new Map(counts.map((c) => [c.owner, c.things]))).toEqual(new Map([[OWNER_A, 51], [OWNER_B, 52]]));
  });

  it('walks page and pageSize until a short page', async () => {
    const db = await thingsDatabase();
    const records = range(47);
    const requests: URL[] = [];
    upstream.use(pagedApi(`${BASE_URL}/api/paged-things`, records, requests));
    const summary = await runImport({ db, resource: pagedThings, from: { url: BASE_URL, rest: FAST_REST }, batchSize: 5 });
    expect(summary).toMatchObject({ status: 'SUCCEEDED', inserted: 47 });
    const pages = requests.map((url) => `${url.searchParams.get('page')}/${url.searchParams.get('pageSize')}`);
    expect(pages).toEqual(Array.from({ length: 10 }, (_, i) => `${i + 1}/5`));
  });

  it('retries a 500 and then imports', async () => {
    const db = await thingsDatabase();
    let calls = 0;
    const retries: RetryEvent[] = [];
    upstream.use(
      http.get(`${BASE_URL}/api/things`, () => {
        calls++;
        if (calls === 1) return new HttpResponse('upstream broke', { status: 500 });
        return HttpResponse.json({ items: range(3), nextCursor: null });
      }),
    );
    const summary = await runImport({ db, resource: things, from: { url: BASE_URL, rest: { ...FAST_REST, onRetry: (e) => retries.push(e) } } });
    expect(summary).toMatchObject({ status: 'SUCCEEDED', inserted: 3 });
    expect(calls).toBe(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]!.reason).toMatch(/^HTTP 500/);
    // Full jitter: a wait anywhere below the first ceiling.
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(0);
    expect(retries[0]!.delayMs).toBeLessThan(FAST_REST.initialDelayMs + 1);
  });

  it('times out a request that does not answer, and retries it', async () => {
    const db = await thingsDatabase();
    let calls = 0;
    const retries: RetryEvent[] = [];
    upstream.use(
      http.get(`${BASE_URL}/api/things`, async () => {
        calls++;
        if (calls === 1) await delay('infinite');
        return HttpResponse.json({ items: range(2), nextCursor: null });
      }),
    );
    const summary = await runImport({
      db,
      resource: things,
      from: { url: BASE_URL, rest: { ...FAST_REST, timeoutMs: 50, onRetry: (e) => retries.push(e) } },
    });
    expect(summary).toMatchObject({ status: 'SUCCEEDED', inserted: 2 });
    expect(retries.map((r) => r.reason)).toEqual(['no complete answer within 50 ms']);
  });

  it('fails the run with a clear error when every attempt times out', async () => {
    const db = await thingsDatabase();
    upstream.use(http.get(`${BASE_URL}/api/things`, () => delay('infinite')));
    const summary = await runImport({ db, resource: things, from: { url: BASE_URL, rest: { ...FAST_REST, timeoutMs: 20, attempts: 3 } } });
    expect(summary).toMatchObject({ status: 'FAILED', failure: 'source', inserted: 0 });
    expect(summary.error).toBe(`GET ${BASE_URL}/api/things?limit=500: no complete answer within 20 ms (gave up after 3 attempts)`);
  });

  it('waits as long as a 429 Retry-After asks, in seconds', async () => {
    const db = await thingsDatabase();
    let calls = 0;
    const retries: RetryEvent[] = [];
    upstream.use(
      http.get(`${BASE_URL}/api/things`, () => {
        calls++;
        if (calls === 1) return new HttpResponse(null, { status: 429, headers: { 'retry-after': '1' } });
        return HttpResponse.json({ items: range(1), nextCursor: null });
      }),
    );
    const answeredAt: number[] = [];
    upstream.events.on('response:mocked', () => answeredAt.push(Date.now()));
    fakeClock();
    const summary = await settle(
      runImport({ db, resource: things, from: { url: BASE_URL, rest: { ...FAST_REST, onRetry: (e) => retries.push(e) } } }),
    );
    upstream.events.removeAllListeners();
    expect(summary).toMatchObject({ status: 'SUCCEEDED', inserted: 1 });
    expect(retries).toEqual([expect.objectContaining({ reason: 'HTTP 429 Too Many Requests', delayMs: 1000 })]);
    // The second request went out no sooner than asked.
    expect(answeredAt[1]! - answeredAt[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('retries a page that is not JSON, and fails with a clear error when it stays broken, keeping what was committed', async () => {
    const db = await thingsDatabase();
    const records = range(30);
    let brokenAnswers = 0;
    let healed = false;
    upstream.use(
      http.get(`${BASE_URL}/api/things`, ({ request }) => {
        const url = new URL(request.url);
        const start = Number(url.searchParams.get('cursor') ?? 0);
        if (start === 10 && !healed) {
          brokenAnswers++;
          return new HttpResponse('{"items": [{"id": "T11", ', { headers: { 'content-type': 'application/json' } });
        }
        return HttpResponse.json({ items: records.slice(start, start + 10), nextCursor: start + 10 < 30 ? String(start + 10) : null });
      }),
    );
    const failed = await runImport({ db, resource: things, from: { url: BASE_URL, rest: { ...FAST_REST, attempts: 3 } }, batchSize: 10 });
    expect(failed.status).toBe('FAILED');
    expect(failed.failure).toBe('source');
    expect(failed.error).toMatch(/^GET http:\/\/upstream\.test\/api\/things\?limit=10&cursor=10: the body is not JSON \(.+\) \(gave up after 3 attempts\)$/);
    expect(brokenAnswers).toBe(3);
    // The first page's batch was committed and stays, and the cursor points at the broken page.
    expect(await allThings(db)).toHaveLength(10);
    expect((await readCursor(importView(db), { resource: 'things', source: `${BASE_URL}/api/things` }))?.position).toBe('{"cursor":"10"}');

    healed = true;
    const resumed = await runImport({ db, resource: things, from: { url: BASE_URL, rest: FAST_REST }, batchSize: 10 });
    expect(resumed).toMatchObject({ status: 'SUCCEEDED', inserted: 20, unchanged: 0, resumedFrom: '{"cursor":"10"}' });
    expect(await allThings(db)).toHaveLength(30);
  });

  it('retries a page whose JSON is not the promised envelope', async () => {
    const db = await thingsDatabase();
    let calls = 0;
    const retries: RetryEvent[] = [];
    upstream.use(
      http.get(`${BASE_URL}/api/things`, () => {
        calls++;
        return calls === 1 ? HttpResponse.json({ data: [] }) : HttpResponse.json({ items: range(1), nextCursor: null });
      }),
    );
    const summary = await runImport({ db, resource: things, from: { url: BASE_URL, rest: { ...FAST_REST, onRetry: (e) => retries.push(e) } } });
    expect(summary.status).toBe('SUCCEEDED');
    expect(retries[0]!.reason).toMatch(/^malformed page: items: /);
  });

  it('does not retry a 404: retrying cannot fix it', async () => {
    const db = await thingsDatabase();
    let calls = 0;
    upstream.use(
      http.get(`${BASE_URL}/api/things`, () => {
        calls++;
        return new HttpResponse('no such resource', { status: 404, statusText: 'Not Found' });
      }),
    );
    const summary = await runImport({ db, resource: things, from: { url: BASE_URL, rest: FAST_REST } });
    expect(calls).toBe(1);
    expect(summary).toMatchObject({ status: 'FAILED', failure: 'source', error: `GET ${BASE_URL}/api/things?limit=500: HTTP 404 Not Found: no such resource` });
  });

  it('bounds the request rate', async () => {
    const db = await thingsDatabase();
    const at: number[] = [];
    const records = range(6);
    upstream.use(
      http.get(`${BASE_URL}/api/things`, ({ request }) => {
        at.push(Date.now());
        const start = Number(new URL(request.url).searchParams.get('cursor') ?? 0);
        return HttpResponse.json({ items: records.slice(start, start + 1), nextCursor: start + 1 < 6 ? String(start + 1) : null });
      }),
    );
    // 2 a second: six pages need at least two full windows after the first.
    fakeClock();
    await settle(runImport({ db, resource: things, from: { url: BASE_URL, rest: { ...FAST_REST, requestsPerSecond: 2 } }, batchSize: 1 }));
    expect(at).toHaveLength(6);
    // Never more than two requests within any one second.
    for (let i = 2; i < at.length; i++) expect(at[i]! - at[i - 2]!).toBeGreaterThanOrEqual(1000);
  });
});
