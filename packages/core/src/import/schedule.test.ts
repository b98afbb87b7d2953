import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportConfigError, scheduleFromEnv } from './config.js';
import { startImportSchedule } from './schedule.js';
import { allThings, BASE_URL, FAST_REST, thing, things, thingsDatabase, upstream, useUpstream } from './testing/things.js';

useUpstream();
afterEach(() => {
  vi.useRealTimers();
});

describe('import schedule configuration', () => {
  it('is off unless both variables are set, and says what is wrong', () => {
    expect(scheduleFromEnv('hotline', {})).toBeUndefined();
    expect(() => scheduleFromEnv('hotline', { GOVGRAPH_HOTLINE_IMPORT_URL: BASE_URL })).toThrow(
      'set both GOVGRAPH_HOTLINE_IMPORT_URL and GOVGRAPH_HOTLINE_IMPORT_INTERVAL to import on a schedule, or neither',
    );
    expect(() => scheduleFromEnv('hotline', { GOVGRAPH_HOTLINE_IMPORT_URL: BASE_URL, GOVGRAPH_HOTLINE_IMPORT_INTERVAL: '15' })).toThrow(
      ImportConfigError,
    );
    expect(() => scheduleFromEnv('hotline', { GOVGRAPH_HOTLINE_IMPORT_URL: 'ftp://x', GOVGRAPH_HOTLINE_IMPORT_INTERVAL: '15m' })).toThrow(
      'GOVGRAPH_HOTLINE_IMPORT_URL must be an http(s) URL, got "ftp://x"',
    );
  });

  it('reads the URL, the interval and the subsystem token', () => {
    expect(
      scheduleFromEnv('service-items', {
        GOVGRAPH_SERVICE_ITEMS_IMPORT_URL: BASE_URL,
        GOVGRAPH_SERVICE_ITEMS_IMPORT_INTERVAL: '15m',
        GOVGRAPH_SERVICE_ITEMS_IMPORT_TOKEN: 'secret',
        GOVGRAPH_IMPORT_TIMEOUT_MS: '5000',
      }),
    ).toEqual({ url: BASE_URL, intervalMs: 900_000, rest: { headers: { authorization: 'Bearer secret' }, timeoutMs: 5000 } });
  });
});

describe('scheduled imports', () => {
  it('import at once and then every interval, never two at a time, and stop at a batch boundary', async () => {
    const db = await thingsDatabase();
    let inFlight = 0;
    let mostInFlight = 0;
    let requests = 0;
    let release: (() => void) | undefined;
    upstream.use(
      http.get(`${BASE_URL}/api/things`, async () => {
        requests++;
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        // The second run's request hangs until released: a slow upstream.
        if (requests === 2) await new Promise<void>((resolve) => (release = resolve));
        inFlight--;
        return HttpResponse.json({ items: [thing(requests)], nextCursor: null });
      }),
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const logs: string[] = [];
    const schedule = startImportSchedule({
      db,
      imports: { resources: [things] },
      url: BASE_URL,
      intervalMs: 60_000,
      rest: FAST_REST,
      log: (m) => logs.push(m),
    });
    await vi.waitFor(() => expect(logs.some((m) => m.includes('succeeded'))).toBe(true));
    expect(requests).toBe(1);
    await vi.advanceTimersByTimeAsync(59_000);
    expect(requests).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(requests).toBe(2));
    // However long the slow run takes, no second one starts beside it.
    await vi.advanceTimersByTimeAsync(300_000);
    expect(requests).toBe(2);

    const stopped = schedule.stop();
    release!();
    await stopped;
    expect(mostInFlight).toBe(1);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(requests).toBe(2);
    const runs = await db.selectFrom('import_runs').select(['status', 'error']).orderBy('id').execute();
    expect(runs[0]!.status).toBe('SUCCEEDED');
    expect(runs[1]!.status).toBe('FAILED');
    expect(runs[1]!.error).toBe('stopped before the end; the next run resumes from the last committed batch');
    expect(await allThings(db)).toHaveLength(1);
  });
});
