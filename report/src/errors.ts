/**
 * Why a report could not be written. The CLI prints `message` as one line on stderr and exits with
 * `exitCode`, so scripts can tell a refused token from a gateway that is down or an empty year.
 */
export const ReportErrorCode = {
  /** Bad command-line arguments. */
  USAGE: 'USAGE',
  /** No HTTP answer from the gateway: refused, DNS, timeout. */
  GATEWAY_UNREACHABLE: 'GATEWAY_UNREACHABLE',
  /** The gateway refused the caller: HTTP 401 or an UNAUTHENTICATED error. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The caller is known but may not read these figures: HTTP 403 or a FORBIDDEN error. */
  FORBIDDEN: 'FORBIDDEN',
  /** The gateway answered, but not with data the report can use. */
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** The graph holds no activity for the year asked about. */
  NO_DATA: 'NO_DATA',
} as const;
export type ReportErrorCode = (typeof ReportErrorCode)[keyof typeof ReportErrorCode];

const EXIT_CODES: Record<ReportErrorCode, number> = {
  USAGE: 2,
  GATEWAY_UNREACHABLE: 3,
  UNAUTHENTICATED: 4,
  FORBIDDEN: 4,
  BAD_RESPONSE: 5,
  NO_DATA: 6,
};

export class ReportError extends Error {
  override readonly name = 'ReportError';
  readonly exitCode: number;

  constructor(
    readonly code: ReportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    // One line, whatever the cause carried (a subgraph's multi-line message, a stack).
    super(message.replace(/\s*\n\s*/g, ' '), options);
    this.exitCode = EXIT_CODES[code];
  }
}
