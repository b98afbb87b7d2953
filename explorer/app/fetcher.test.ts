import { describe, expect, it, vi } from 'vitest';
import { createFetcher, requestHeaders } from './fetcher.js';

describe('requestHeaders', () => {
  it('drops the empty bearer placeholder and blank values, keeps a real token', () => {
    expect(requestHeaders({ Authorization: 'Bearer ', 'x-empty': '  ', 'x-null': null })).toEqual({});
    expect(requestHeaders({ Authorization: 'Bearer abc.def.ghi', 'x-request-id': 'r1' })).toEqual({
      Authorization: 'Bearer abc.def.ghi',
      'x-request-id': 'r1',
    });
    expect(requestHeaders(undefined)).toEqual({});
  });
});

describe('createFetcher', () => {
  it('POSTs JSON with the edited headers and returns the parsed body', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify({ data: { ok: 1 } }), { status: 200 }));
    const fetcher = createFetcher('http://127.0.0.1/graphql', fetchImpl as unknown as typeof fetch);
    const result = await fetcher({ query: '{ ok }', operationName: null }, { headers: { Authorization: 'Bearer t' } });
    expect(result).toEqual({ data: { ok: 1 } });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1/graphql');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'content-type': 'application/json', Authorization: 'Bearer t' });
    expect(JSON.parse(String(init.body))).toEqual({ query: '{ ok }', operationName: null });
  });

  it('turns a non-JSON answer into a GraphQL error that shows the status', async () => {
    const fetchImpl = async () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' });
    const result = await createFetcher('/graphql', fetchImpl as typeof fetch)({ query: '{ ok }' });
    expect(result).toEqual({ errors: [{ message: 'HTTP 502 Bad Gateway: <html>Bad gateway</html>' }] });
  });
});
