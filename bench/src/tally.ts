// Counting what came back during a timed run: every response's latency, the non-2xx ones, and the
// 200s whose GraphQL body carries `errors` (a gateway answers a failed subgraph fetch with 200 and
// an error, so status codes alone would call a broken run fast).

/** Whether a 2xx GraphQL response body reports errors; a body that is not JSON counts too. */
export function graphqlErrorIn(body: string): string | undefined {
  // Cheap test first: this runs for every response while the load is on, on the same two cores as
  // the gateway. Only a body that mentions "errors" (or is not JSON at all) is parsed.
  const trimmed = body.trimStart();
  if (!trimmed.startsWith('{')) return `not a JSON object: ${trimmed.slice(0, 120)}`;
  if (!body.includes('"errors"')) return undefined;
  let parsed: { errors?: unknown };
  try {
    parsed = JSON.parse(body) as { errors?: unknown };
  } catch {
    return `not JSON: ${body.slice(0, 120)}`;
  }
  if (!Array.isArray(parsed.errors) || parsed.errors.length === 0) return undefined;
  const first = parsed.errors[0] as { message?: unknown; extensions?: { code?: unknown } };
  const code = typeof first?.extensions?.code === 'string' ? ` (${first.extensions.code})` : '';
  return `${typeof first?.message === 'string' ? first.message : JSON.stringify(first)}${code}`;
}

export interface TallyCounts {
  responses: number;
  non2xx: number;
  graphqlErrors: number;
  /** One failure, as an example to print. */
  sampleFailure: string | undefined;
}

/**
 * Fed by autocannon: `response(status, ms)` for each response, then `body(text)` for the same
 * response. autocannon calls the two back to back without yielding (its client emits 'response'
 * and then calls `verifyBody` in the same tick), so the status of the body's response is the last
 * one recorded.
 */
export class ResponseTally {
  readonly latenciesMs: number[] = [];
  private counts: TallyCounts = { responses: 0, non2xx: 0, graphqlErrors: 0, sampleFailure: undefined };
  private lastStatus = 0;

  response(status: number, latencyMs: number): void {
    this.counts.responses++;
    this.latenciesMs.push(latencyMs);
    this.lastStatus = status;
    if (status < 200 || status > 299) {
      this.counts.non2xx++;
      this.counts.sampleFailure ??= `HTTP ${status}`;
    }
  }

  /** Always true: autocannon's own mismatch count is not used, this tally is. */
  body(text: string): boolean {
    if (this.lastStatus >= 200 && this.lastStatus <= 299) {
      const error = graphqlErrorIn(text);
      if (error !== undefined) {
        this.counts.graphqlErrors++;
        this.counts.sampleFailure ??= error;
      }
    } else if (this.counts.sampleFailure === `HTTP ${this.lastStatus}`) {
      this.counts.sampleFailure = `HTTP ${this.lastStatus}: ${text.slice(0, 200)}`;
    }
    return true;
  }

  get result(): TallyCounts {
    return { ...this.counts };
  }
}
