/**
 * An msw stand-in for the gateway that behaves as the real one does with the report's operation:
 * it serves the fixture's fields for the subgraphs the @include flags ask for, and when a subgraph
 * it has been told is down is asked for, it answers `data: null` with a SUBGRAPH_UNAVAILABLE error
 * naming it (the root fields are non-null, so the real gateway cannot return partial data then).
 */
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { AnnualReportDocument, type AnnualReportQuery, type AnnualReportQueryVariables } from '../__generated__/graphql.js';
import { SUBGRAPH_FLAGS, type SubgraphName } from '../client.js';

export const MOCK_ENDPOINT = 'http://gateway.test/graphql';

/** One msw server for a test file, listening with unhandled requests as errors. */
export const server = setupServer();

export function useMockServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** Which subgraph answers each root field of the operation. */
export const ROOT_FIELDS_BY_SUBGRAPH: Record<SubgraphName, readonly (keyof AnnualReportQuery)[]> = {
  'service-items': [
    'powerList',
    'delegationBatches',
    'catalogStatistics',
    'serviceCenter',
    'platformCoverage',
    'crossRegion',
    'serviceHalls',
    'serviceChannels',
    'counties',
    'items440802',
    'items440803',
    'items440804',
    'items440811',
    'items440823',
    'items440825',
    'items440881',
    'items440882',
    'items440883',
  ],
  certificates: ['certificateStatistics'],
  cloud: ['capacityExpansions', 'cloudCapacity', 'cloudTenancy', 'dataInventory', 'dataFlows', 'businessSystems'],
  hotline: ['mergedHotlines', 'hotlineStatistics', 'hotlineTrend'],
};

export interface RecordedRequest {
  operationName: unknown;
  query: unknown;
  variables: AnnualReportQueryVariables;
  authorization: string | null;
}

export interface MockGatewayOptions {
  data: AnnualReportQuery;
  /** Subgraphs that are down. */
  down?: readonly SubgraphName[];
  url?: string;
}

function included(variables: AnnualReportQueryVariables, subgraph: SubgraphName): boolean {
  return variables[SUBGRAPH_FLAGS[subgraph]] !== false;
}

/** The fixture as the gateway would shape it for these variables. */
export function shapeFor(data: AnnualReportQuery, variables: AnnualReportQueryVariables): AnnualReportQuery {
  const shaped: Record<string, unknown> = structuredClone(data);
  for (const [subgraph, fields] of Object.entries(ROOT_FIELDS_BY_SUBGRAPH) as [SubgraphName, readonly string[]][]) {
    if (!included(variables, subgraph)) for (const field of fields) delete shaped[field];
  }
  const systems = (shaped as AnnualReportQuery).businessSystems;
  if (systems && !included(variables, 'service-items')) {
    for (const { node } of systems.edges) delete node.department.shortName;
  }
  return shaped as AnnualReportQuery;
}

export function mockGateway(options: MockGatewayOptions): { handler: HttpHandler; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const handler = http.post(options.url ?? MOCK_ENDPOINT, async ({ request }) => {
    const body = (await request.json()) as { operationName?: unknown; query?: unknown; variables?: AnnualReportQueryVariables };
    const variables = body.variables ?? ({} as AnnualReportQueryVariables);
    requests.push({
      operationName: body.operationName,
      query: body.query,
      variables,
      authorization: request.headers.get('authorization'),
    });
    if (body.query !== AnnualReportDocument.toString()) {
      return HttpResponse.json({ errors: [{ message: 'unexpected operation', extensions: { code: 'BAD_USER_INPUT' } }] }, { status: 400 });
    }
    const downAndAsked = (options.down ?? []).filter((name) => included(variables, name));
    if (downAndAsked.length > 0) {
      return HttpResponse.json({
        errors: downAndAsked.map((name) => ({
          message: `Subgraph "${name}" is unavailable: connect ECONNREFUSED 127.0.0.1:4004`,
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: name },
        })),
        data: null,
      });
    }
    return HttpResponse.json({ data: shapeFor(options.data, variables) });
  });
  return { handler, requests };
}
