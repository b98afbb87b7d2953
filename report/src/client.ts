/**
 * Fetches the year's figures from the gateway with the one AnnualReport operation.
 *
 * The federated root fields are all non-null, so a single subgraph that is down makes the gateway
 * answer `data: null` with a SUBGRAPH_UNAVAILABLE error naming it (extensions.serviceName). The
 * operation puts each subgraph's part under an @include flag; on such an answer the client sends
 * the same operation again with the named subgraphs switched off, and the report is written from
 * the rest, each missing figure marked as unavailable.
 */
import { AnnualReportDocument, type AnnualReportQuery, type AnnualReportQueryVariables } from './__generated__/graphql.js';
import { ReportError, ReportErrorCode } from './errors.js';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4000/graphql';
export const DEFAULT_TIMEOUT_MS = 60_000;

/** The subgraphs, as the gateway names them, with the operation's @include flag for each. */
export const SUBGRAPH_FLAGS = {
  'service-items': 'serviceItems',
  certificates: 'certificates',
  cloud: 'cloud',
  hotline: 'hotline',
} as const satisfies Record<string, keyof AnnualReportQueryVariables>;
export type SubgraphName = keyof typeof SUBGRAPH_FLAGS;
export const SUBGRAPH_NAMES = Object.keys(SUBGRAPH_FLAGS) as SubgraphName[];

export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface FetchOptions {
  year: number;
  endpoint?: string;
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface FetchedFigures {
  year: number;
  variables: AnnualReportQueryVariables;
  /** What the gateway answered; fields of skipped subgraphs are absent, failed ones null. */
  data: AnnualReportQuery;
  /** Every error the gateway reported along the way, first answer included. */
  errors: GraphQLErrorLike[];
  /** Subgraphs the gateway reported unavailable, left out of the final request. */
  unavailable: SubgraphName[];
  /** How many HTTP requests it took (1 when every subgraph answered). */
  requests: number;
}

/** The operation's variables for a calendar year: the figures as of its last day, flows within it. */
export function variablesForYear(year: number): AnnualReportQueryVariables {
  return { year, asOf: `${year}-12-31`, from: `${year}-01-01`, to: `${year}-12-31` };
}

interface GraphQLBody {
  data?: AnnualReportQuery | null;
  errors?: GraphQLErrorLike[];
}

function errorCode(error: GraphQLErrorLike): unknown {
  return error.extensions?.code;
}

/** The subgraph an error names: extensions.serviceName, else `Subgraph "x"` in the message. */
export function subgraphOf(error: GraphQLErrorLike): SubgraphName | undefined {
  const named = error.extensions?.serviceName;
  const name = typeof named === 'string' ? named : /Subgraph "([^"]+)"/.exec(error.message)?.[1];
  return name !== undefined && name in SUBGRAPH_FLAGS ? (name as SubgraphName) : undefined;
}

function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time';
  // undici hides the socket error (ECONNREFUSED, ENOTFOUND) in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error.message;
}

async function post(
  endpoint: string,
  variables: AnnualReportQueryVariables,
  options: FetchOptions,
): Promise<GraphQLBody> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    // Apollo's CSRF prevention: marks this as a deliberate, non-simple request.
    'apollo-require-preflight': 'true',
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  let response: Response;
  try {
    response = await doFetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify({ operationName: 'AnnualReport', query: AnnualReportDocument.toString(), variables }),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    throw new ReportError(
      ReportErrorCode.GATEWAY_UNREACHABLE,
      `cannot reach the gateway at ${endpoint}: ${describeCause(error)}`,
      { cause: error },
    );
  }

  const text = await response.text();
  let body: GraphQLBody | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') body = parsed as GraphQLBody;
  } catch {
    body = undefined;
  }
  const errors = body?.errors ?? [];
  const firstMessage = errors[0]?.message ?? text.trim().slice(0, 200);

  if (response.status === 401 || errors.some((e) => errorCode(e) === 'UNAUTHENTICATED')) {
    throw new ReportError(
      ReportErrorCode.UNAUTHENTICATED,
      `the gateway refused the request (${response.status === 401 ? 'HTTP 401' : 'UNAUTHENTICATED'}): ${
        options.token ? 'the token was not accepted' : 'a token is required, pass --token'
      }${firstMessage ? ` (${firstMessage})` : ''}`,
    );
  }
  if (response.status === 403 || errors.some((e) => errorCode(e) === 'FORBIDDEN')) {
    throw new ReportError(
      ReportErrorCode.FORBIDDEN,
      `the gateway refused the request (${response.status === 403 ? 'HTTP 403' : 'FORBIDDEN'}): this token may not read the report figures${
        firstMessage ? ` (${firstMessage})` : ''
      }`,
    );
  }
  if (!body || (body.data === undefined && errors.length === 0)) {
    throw new ReportError(
      ReportErrorCode.BAD_RESPONSE,
      `the gateway at ${endpoint} answered HTTP ${response.status} without a GraphQL result${firstMessage ? `: ${firstMessage}` : ''}`,
    );
  }
  return body;
}

/**
 * Runs the AnnualReport operation for a year. Resolves with whatever data the gateway could give,
 * leaving subgraphs it reported down out of the request; rejects with a ReportError when it cannot
 * be reached, refuses the caller, or gives no data at all.
 */
export async function fetchAnnualFigures(options: FetchOptions): Promise<FetchedFigures> {
  const endpoint = options.endpoint ?? DEFAULT_ENDPOINT;
  const unavailable: SubgraphName[] = [];
  const allErrors: GraphQLErrorLike[] = [];
  let requests = 0;

  for (;;) {
    const variables: AnnualReportQueryVariables = { ...variablesForYear(options.year) };
    for (const name of unavailable) variables[SUBGRAPH_FLAGS[name]] = false;

    requests++;
    const body = await post(endpoint, variables, options);
    const errors = body.errors ?? [];
    allErrors.push(...errors);

    if (body.data) {
      return { year: options.year, variables, data: body.data, errors: allErrors, unavailable, requests };
    }

    // No data at all: if the errors name subgraphs we still asked, ask again without them.
    const newlyDown = [...new Set(errors.map(subgraphOf))].filter(
      (name): name is SubgraphName => name !== undefined && !unavailable.includes(name),
    );
    if (newlyDown.length === 0 || unavailable.length + newlyDown.length >= SUBGRAPH_NAMES.length) {
      const down = [...unavailable, ...newlyDown];
      throw new ReportError(
        ReportErrorCode.BAD_RESPONSE,
        down.length >= SUBGRAPH_NAMES.length
          ? `no subgraph behind the gateway answered (${down.join(', ')} unavailable)`
          : `the gateway returned no data: ${errors[0]?.message ?? 'no error given'}`,
      );
    }
    unavailable.push(...newlyDown);
  }
}
