/**
 * A subsystem's REST API as msw handlers, paging `records` the two ways docs/upstream-apis.md
 * allows, so importer tests run through the real REST source without a network.
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Retries without real waiting: tests check the decisions, not the clock. */
export const FAST_REST = { initialDelayMs: 1, maxDelayMs: 2, timeoutMs: 2_000, requestsPerSecond: 1_000 } as const;

/**
 * An msw server for the calling test file, listening for its tests: a request no handler
 * expects fails the test, so no test can reach a real network.
 */
export function mockedUpstream(): SetupServer {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** `GET url?limit=N[&cursor=C]` → `{ items, nextCursor }`; the cursor is the next record's index. Records each request's URL. */
export function cursorApi(url: string, records: readonly unknown[], requests: URL[] = []): HttpHandler {
  return http.get(url, ({ request }) => {
    const asked = new URL(request.url);
    requests.push(asked);
    const start = Number(asked.searchParams.get('cursor') ?? 0);
    const end = start + Number(asked.searchParams.get('limit'));
    return HttpResponse.json({ items: records.slice(start, end), nextCursor: end < records.length ? String(end) : null });
  });
}

/** `GET url?page=P&pageSize=N` → `{ items, total }`, pages counted from 1. Records each request's URL. */
export function pagedApi(url: string, records: readonly unknown[], requests: URL[] = []): HttpHandler {
  return http.get(url, ({ request }) => {
    const asked = new URL(request.url);
    requests.push(asked);
    const size = Number(asked.searchParams.get('pageSize'));
    const start = (Number(asked.searchParams.get('page')) - 1) * size;
    return HttpResponse.json({ items: records.slice(start, start + size), total: records.length });
  });
}
