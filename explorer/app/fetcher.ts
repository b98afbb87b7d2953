import type { GraphiQLProps } from 'graphiql';

type Fetcher = GraphiQLProps['fetcher'];
type FetcherOpts = NonNullable<Parameters<Fetcher>[1]>;

/**
 * Headers as typed in the headers editor, less the ones left blank: the default tab carries an
 * `Authorization: Bearer ` placeholder for the token, which must not be sent until it is filled.
 */
export function requestHeaders(edited: FetcherOpts['headers']): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(edited ?? {})) {
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text === '' || /^bearer$/i.test(text)) continue;
    headers[name] = text;
  }
  return headers;
}

/**
 * A plain POST fetcher: the gateway serves queries and mutations over HTTP only, so GraphiQL
 * toolkit's websocket and multipart machinery is not needed.
 */
export function createFetcher(url: string, fetchImpl: typeof fetch = fetch): Fetcher {
  return async (params, opts) => {
    const res = await fetchImpl(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        'content-type': 'application/json',
        ...requestHeaders(opts?.headers),
      },
      body: JSON.stringify(params),
    });
    const text = await res.text();
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      // A proxy's HTML error page or an empty body: show what came back instead of a parse error.
      return { errors: [{ message: `HTTP ${res.status} ${res.statusText}: ${text.slice(0, 500) || '(empty body)'}` }] };
    }
  };
}
