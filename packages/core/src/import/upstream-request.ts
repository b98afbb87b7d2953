/**
 * GET a JSON document from an upstream subsystem, the way a careful client must: every attempt
 * bounded by a timeout, at most N requests a second, and failures that may pass (5xx, 408, 429,
 * timeouts, network errors, a body that is not the JSON expected) retried with exponential
 * backoff and full jitter, or after exactly the wait the server asked for in `Retry-After`.
 * Other failures (404, 401, …) end the run at once: retrying cannot fix them.
 *
 * cockatiel supplies the retry loop and the jitter; p-throttle the rate bound; fetch's
 * AbortSignal.timeout the per-attempt timeout.
 */
import { DelegateBackoff, fullJitterGenerator, handleWhen, retry, type IRetryBackoffContext } from 'cockatiel';
import pThrottle from 'p-throttle';
import { retryAfterMs } from './retry-after.js';
import { ImportSourceError } from './source.js';

export interface RestOptions {
  /** Bound on one attempt, headers and body, in milliseconds. Default 30,000. */
  timeoutMs?: number;
  /** Attempts per request, the first included. Default 5. */
  attempts?: number;
  /** Ceiling of the first backoff; it doubles per retry up to maxDelayMs. The wait is a random
   * time below the ceiling ("full jitter"), so many clients do not retry in step. Default 500. */
  initialDelayMs?: number;
  /** Largest backoff ceiling. Default 30,000. */
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured; a longer one is cut to this. Default 300,000 (5 min). */
  maxRetryAfterMs?: number;
  /** Requests a second at most, retries included. Default 5. */
  requestsPerSecond?: number;
  /** Records per page asked for. Default 500. */
  pageSize?: number;
  /** Extra request headers, e.g. an `authorization` the subsystem requires. */
  headers?: Record<string, string>;
  /** Told about every retry before its wait: logs, and tests that check the waits. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  url: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  reason: string;
}

export const REST_DEFAULTS = {
  timeoutMs: 30_000,
  attempts: 5,
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
  requestsPerSecond: 5,
  pageSize: 500,
} as const;

/** A failure that may pass: worth another attempt. */
class TransientFailure extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The body is JSON but not what the contract promises: thrown by a caller's `accept`. */
export class MalformedResponse extends Error {}

export interface JsonClient {
  /** The JSON body of `url`, passed through `accept` (which may throw MalformedResponse). */
  get<T>(url: string, accept: (body: unknown) => T, signal?: AbortSignal): Promise<T>;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch reports network failures as `TypeError: fetch failed` with the reason in `cause`.
  const cause = error.cause instanceof Error ? `: ${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}

async function excerpt(response: Response): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, ' ').trim();
    return text ? `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}` : '';
  } catch {
    return '';
  }
}

export function createJsonClient(options: RestOptions = {}): JsonClient {
  const settings = { ...REST_DEFAULTS, ...options };
  const throttle = pThrottle({ limit: settings.requestsPerSecond, interval: 1000 });

  async function attempt<T>(url: string, accept: (body: unknown) => T, signal: AbortSignal | undefined): Promise<T> {
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    const bounded = signal ? AbortSignal.any([signal, timeout]) : timeout;
    // A failure while the caller is stopping is not a failure of the upstream: stop, don't retry.
    const failure = (error: unknown): Error =>
      signal?.aborted
        ? (signal.reason as Error)
        : timeout.aborted
          ? new TransientFailure(`no complete answer within ${settings.timeoutMs} ms`, url)
          : new TransientFailure(`network error (${describe(error)})`, url);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { headers: { accept: 'application/json', ...settings.headers }, signal: bounded });
      if (!response.ok) {
        const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        if (response.status >= 500 || response.status === 429 || response.status === 408) {
          // Reading the body frees the connection, and its start often says what went wrong.
          throw new TransientFailure(`${status}${await excerpt(response)}`, url, retryAfterMs(response.headers.get('retry-after')));
        }
        throw new ImportSourceError(`GET ${url}: ${status}${await excerpt(response)}`);
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof TransientFailure || error instanceof ImportSourceError) throw error;
      throw failure(error);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new TransientFailure(`the body is not JSON (${(error as Error).message})`, url);
    }
    try {
      return accept(body);
    } catch (error) {
      if (error instanceof MalformedResponse) throw new TransientFailure(`malformed page: ${error.message}`, url);
      throw error;
    }
  }
  const throttled = throttle(attempt) as typeof attempt;

  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>, number | undefined>((context, state) => {
    const [jittered, next] = fullJitterGenerator(state, {
      generator: fullJitterGenerator,
      initialDelay: settings.initialDelayMs,
      maxDelay: settings.maxDelayMs,
      exponent: 2,
    });
    const error = 'error' in context.result ? context.result.error : undefined;
    const asked = error instanceof TransientFailure ? error.retryAfterMs : undefined;
    return { delay: asked === undefined ? jittered : Math.min(asked, settings.maxRetryAfterMs), state: next };
  });
  // Unref'd: a process told to stop exits without sitting out a backoff.
  const policy = retry(
    handleWhen((error) => error instanceof TransientFailure),
    { maxAttempts: settings.attempts - 1, backoff },
  ).dangerouslyUnref();
  policy.onRetry((event) => {
    if (!('error' in event) || !(event.error instanceof TransientFailure)) return;
    settings.onRetry?.({ url: event.error.url, attempt: event.attempt, delayMs: event.delay, reason: event.error.message });
  });

  return {
    async get<T>(url: string, accept: (body: unknown) => T, signal?: AbortSignal): Promise<T> {
      let stop: (() => void) | undefined;
      const stopped = new Promise<never>((_, reject) => {
        stop = () => reject(signal?.reason);
      });
      if (signal?.aborted) stop!();
      else signal?.addEventListener('abort', stop!, { once: true });
      try {
        // Raced with the caller's signal: a stop ends a backoff wait at once.
        return await Promise.race([policy.execute(() => throttled(url, accept, signal), signal), stopped]);
      } catch (error) {
        if (error instanceof TransientFailure) {
          throw new ImportSourceError(`GET ${url}: ${error.message} (gave up after ${settings.attempts} attempts)`);
        }
        throw error;
      } finally {
        signal?.removeEventListener('abort', stop!);
      }
    },
  };
}
