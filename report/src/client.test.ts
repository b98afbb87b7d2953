import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { AnnualReportDocument } from './__generated__/graphql.js';
import { fetchAnnualFigures, subgraphOf, variablesForYear } from './client.js';
import { ReportError, ReportErrorCode } from './errors.js';
import { fixture2021 } from './testing/fixture-2021.js';
import { MOCK_ENDPOINT, mockGateway, server, useMockServer } from './testing/mock-gateway.js';

useMockServer();

async function rejection(promise: Promise<unknown>): Promise<ReportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReportError);
  return error as ReportError;
}

describe('fetchAnnualFigures', () => {
  it('sends the one AnnualReport operation with the year as dates, and the token as a bearer', async () => {
    const gateway = mockGateway({ data: fixture2021() });
    server.use(gateway.handler);

    const fetched = await fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT, token: 'tok-123' });

    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    expect(request!.operationName).toBe('AnnualReport');
    expect(request!.query).toBe(AnnualReportDocument.toString());
    expect(request!.variables).toEqual({ year: 2021, asOf: '2021-12-31', from: '2021-01-01', to: '2021-12-31' });
    expect(request!.authorization).toBe('Bearer tok-123');
    expect(fetched).toMatchObject({ requests: 1, unavailable: [], errors: [] });
    expect(fetched.data.hotlineStatistics?.received).toBe(652_000);
  });

  it('sends no authorization header without a token', async () => {
    const gateway = mockGateway({ data: fixture2021() });
    server.use(gateway.handler);
    await fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT });
    expect(gateway.requests[0]!.authorization).toBeNull();
  });

  it('asks again without a subgraph the gateway reports down, and says which', async () => {
    const gateway = mockGateway({ data: fixture2021(), down: ['hotline'] });
    server.use(gateway.handler);

    const fetched = await fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT });

    expect(gateway.requests.map((r) => r.variables.hotline)).toEqual([undefined, false]);
    // The same operation both times: only the @include flag changes.
    expect(new Set(gateway.requests.map((r) => r.query)).size).toBe(1);
    expect(fetched.unavailable).toEqual(['hotline']);
    expect(fetched.errors[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(fetched.data.hotlineStatistics).toBeUndefined();
    expect(fetched.data.certificateStatistics?.issuedTotal).toBe(9_243_000);
  });

  it('copes with two subgraphs down, even when the gateway names them one at a time', async () => {
    // First answer names certificates only; the next, without it, names cloud.
    let call = 0;
    const data = fixture2021();
    server.use(
      http.post(MOCK_ENDPOINT, async ({ request }) => {
        const { variables } = (await request.json()) as { variables: Record<string, unknown> };
        call++;
        if (variables.certificates !== false) {
          return HttpResponse.json({ data: null, errors: [{ message: 'Subgraph "certificates" is unavailable: timeout', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] });
        }
        if (variables.cloud !== false) {
          return HttpResponse.json({ data: null, errors: [{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'cloud' } }] });
        }
        return HttpResponse.json({ data: { hotlineStatistics: data.hotlineStatistics } });
      }),
    );
    const fetched = await fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT });
    expect(call).toBe(3);
    expect(fetched.unavailable).toEqual(['certificates', 'cloud']);
  });

  it('fails when every subgraph is down', async () => {
    server.use(mockGateway({ data: fixture2021(), down: ['service-items', 'certificates', 'cloud', 'hotline'] }).handler);
    const error = await rejection(fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT }));
    expect(error.code).toBe(ReportErrorCode.BAD_RESPONSE);
    expect(error.message).toMatch(/no subgraph behind the gateway answered/);
  });

  it('fails with the gateway’s message when it returns no data and names no subgraph', async () => {
    server.use(
      http.post(MOCK_ENDPOINT, () =>
        HttpResponse.json(
          { errors: [{ message: 'Cannot query field "powerList" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
          { status: 400 },
        ),
      ),
    );
    const error = await rejection(fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT }));
    expect(error.code).toBe(ReportErrorCode.BAD_RESPONSE);
    expect(error.message).toBe('the gateway returned no data: Cannot query field "powerList" on type "Query".');
  });

  it('reports an unreachable gateway in one line', async () => {
    server.use(http.post(MOCK_ENDPOINT, () => HttpResponse.error()));
    const error = await rejection(fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT }));
    expect(error.code).toBe(ReportErrorCode.GATEWAY_UNREACHABLE);
    expect(error.exitCode).toBe(3);
    expect(error.message).toMatch(/^cannot reach the gateway at http:\/\/gateway\.test\/graphql: /);
    expect(error.message).not.toContain('\n');
  });

  it.each([
    ['HTTP 401', 401, undefined, ReportErrorCode.UNAUTHENTICATED],
    ['an UNAUTHENTICATED error', 200, 'UNAUTHENTICATED', ReportErrorCode.UNAUTHENTICATED],
    ['HTTP 403', 403, undefined, ReportErrorCode.FORBIDDEN],
    ['a FORBIDDEN error', 200, 'FORBIDDEN', ReportErrorCode.FORBIDDEN],
  ])('reports a refused token (%s)', async (_name, status, code, expected) => {
    server.use(
      http.post(MOCK_ENDPOINT, () =>
        HttpResponse.json({ errors: [{ message: 'token expired', ...(code ? { extensions: { code } } : {}) }], data: null }, { status }),
      ),
    );
    const error = await rejection(fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT, token: 'old' }));
    expect(error.code).toBe(expected);
    expect(error.exitCode).toBe(4);
    expect(error.message).toContain('token expired');
  });

  it('asks for a token when none was given and the gateway wants one', async () => {
    server.use(http.post(MOCK_ENDPOINT, () => new HttpResponse('Unauthorized', { status: 401 })));
    const error = await rejection(fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT }));
    expect(error.message).toMatch(/a token is required, pass --token/);
  });

  it('reports an answer that is not GraphQL', async () => {
    server.use(http.post(MOCK_ENDPOINT, () => new HttpResponse('<html>Bad Gateway</html>', { status: 502 })));
    const error = await rejection(fetchAnnualFigures({ year: 2021, endpoint: MOCK_ENDPOINT }));
    expect(error.code).toBe(ReportErrorCode.BAD_RESPONSE);
    expect(error.message).toMatch(/answered HTTP 502 without a GraphQL result/);
  });
});

describe('variablesForYear and subgraphOf', () => {
  it('turns a year into its last day and its span', () => {
    expect(variablesForYear(2019)).toEqual({ year: 2019, asOf: '2019-12-31', from: '2019-01-01', to: '2019-12-31' });
  });

  it('finds the subgraph in extensions.serviceName or the message, and ignores unknown names', () => {
    expect(subgraphOf({ message: 'x', extensions: { serviceName: 'cloud' } })).toBe('cloud');
    expect(subgraphOf({ message: 'Subgraph "service-items" is unavailable' })).toBe('service-items');
    expect(subgraphOf({ message: 'x', extensions: { serviceName: 'payments' } })).toBeUndefined();
  });
});
