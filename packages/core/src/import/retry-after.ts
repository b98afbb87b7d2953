/**
 * `Retry-After` (RFC 9110 §10.2.3): a number of seconds or an HTTP date. Returns how long to wait
 * in milliseconds, or undefined when the header is absent or unreadable (the caller then backs
 * off on its own schedule).
 */
export function retryAfterMs(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // HTTP dates start with the day of the week (`Sun, 06 Nov 1994 08:49:37 GMT` and the two
  // obsolete forms); Date.parse alone would also read `-1` or `2` as dates.
  if (!/^[A-Za-z]{3,9},? \S/.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
