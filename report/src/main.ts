/**
 * The command line, as a function of its arguments and streams so tests can run it in-process.
 * `cli.ts` is the executable entry point.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_ENDPOINT } from './client.js';
import { ReportError, ReportErrorCode } from './errors.js';
import { generateReport, REPORT_FORMATS, type ReportFormat } from './generate.js';

export const USAGE = `Usage: npm run report -- --year YEAR [--format md|html|docx] [--out FILE] [--endpoint URL] [--token TOKEN]

Writes the annual work report for YEAR from one query of the GovGraph gateway.

  --year YEAR       the calendar year (figures as of YEAR-12-31)
  --format FORMAT   md (default), html (self-contained page with charts) or docx
  --out FILE        write to FILE instead of stdout (required for docx on a terminal)
  --endpoint URL    the gateway's GraphQL URL (default $GOVGRAPH_ENDPOINT or ${DEFAULT_ENDPOINT})
  --token TOKEN     bearer token for the gateway (default $GOVGRAPH_TOKEN)
  -h, --help        this text

Exit codes: 0 written (missing figures are marked and warned about on stderr), 2 bad arguments,
3 gateway unreachable, 4 token refused, 5 unusable answer, 6 no data for the year, 1 other.`;

export interface CliIo {
  stdout: { write(chunk: string | Uint8Array): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

interface CliOptions {
  year: number;
  format: ReportFormat;
  out: string | undefined;
  endpoint: string;
  token: string | undefined;
}

function parseCli(argv: readonly string[], env: CliIo['env']): CliOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        year: { type: 'string' },
        format: { type: 'string', default: 'md' },
        out: { type: 'string' },
        endpoint: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ReportError(ReportErrorCode.USAGE, `${error instanceof Error ? error.message : String(error)} (see --help)`);
  }
  if (values.help) return 'help';
  if (values.year === undefined) throw new ReportError(ReportErrorCode.USAGE, '--year is required, e.g. --year 2021 (see --help)');
  if (!/^\d{4}$/.test(values.year)) throw new ReportError(ReportErrorCode.USAGE, `--year must be a four-digit year, got "${values.year}"`);
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    throw new ReportError(ReportErrorCode.USAGE, `--format must be one of ${REPORT_FORMATS.join(', ')}, got "${values.format}"`);
  }
  const endpoint = values.endpoint ?? env.GOVGRAPH_ENDPOINT ?? DEFAULT_ENDPOINT;
  try {
    const url = new URL(endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new ReportError(ReportErrorCode.USAGE, `--endpoint must be an http(s) URL, got "${endpoint}"`);
  }
  return {
    year: Number(values.year),
    format,
    out: values.out,
    endpoint,
    token: values.token ?? (env.GOVGRAPH_TOKEN || undefined),
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Runs the command; resolves with the process exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseCli(argv, io.env);
    if (options === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (options.format === 'docx' && !options.out && io.stdout.isTTY) {
      throw new ReportError(ReportErrorCode.USAGE, 'a DOCX file is binary: pass --out FILE, or redirect stdout');
    }

    const report = await generateReport({
      year: options.year,
      format: options.format,
      endpoint: options.endpoint,
      ...(options.token ? { token: options.token } : {}),
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
    for (const warning of report.warnings) io.stderr.write(`${warning}\n`);

    if (options.out) {
      await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
      await writeFile(options.out, report.content);
      const size = typeof report.content === 'string' ? Buffer.byteLength(report.content) : report.content.length;
      io.stderr.write(
        `wrote ${options.out} (${options.format}, ${(size / 1024).toFixed(1)} KiB): fetched in ${seconds(report.timings.fetchMs)}, rendered in ${seconds(report.timings.renderMs)}\n`,
      );
    } else {
      io.stdout.write(report.content);
    }
    return 0;
  } catch (error) {
    if (error instanceof ReportError) {
      io.stderr.write(`govgraph-report: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`govgraph-report: unexpected error: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}
