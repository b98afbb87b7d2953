// One timed run: autocannon's programmatic API against one URL with one fixed body.
import autocannon from 'autocannon';
import { ResponseTally } from './tally.js';

export interface LoadRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  responses: number;
  /** Requests sent, answered or not: those still in flight at the end are finished by the server anyway. */
  sent: number;
  /** Seconds autocannon ran. */
  durationSeconds: number;
  latenciesMs: number[];
  non2xx: number;
  graphqlErrors: number;
  /** Connection errors and timeouts: requests that got no answer. */
  transportErrors: number;
  sampleFailure: string | undefined;
}

/** Drives `requests` round-robin on each connection for the given time. */
export async function runLoad(requests: readonly LoadRequest[], options: LoadOptions): Promise<LoadResult> {
  const first = requests[0];
  if (!first) throw new Error('runLoad needs at least one request');
  const tally = new ResponseTally();
  const result = await autocannon({
    url: first.url,
    method: 'POST',
    connections: options.connections,
    duration: options.durationSeconds,
    // A slow answer is a result, not an error: well above any scenario's p99 on this data.
    timeout: 30,
    requests: requests.map((r) => ({ method: 'POST', path: new URL(r.url).pathname, headers: r.headers, body: r.body })),
    setupClient: (client) => {
      client.on('response', (status: number, _bytes: number, latencyMs: number) => tally.response(status, latencyMs));
    },
    verifyBody: (body) => tally.body(typeof body === 'string' ? body : (body?.toString() ?? '')),
  });
  const counts = tally.result;
  return {
    responses: counts.responses,
    sent: Math.max(result.requests.sent, counts.responses),
    durationSeconds: result.duration,
    latenciesMs: tally.latenciesMs,
    non2xx: counts.non2xx,
    graphqlErrors: counts.graphqlErrors,
    transportErrors: result.errors,
    sampleFailure: counts.sampleFailure ?? (result.errors > 0 ? `${result.errors} connection errors or timeouts` : undefined),
  };
}
