/**
 * Records of a CSV export, keyed by its header row, from a stream of decoded text, parsed by
 * csv-parse (quoted fields with commas and line breaks, `""` escapes). A broken row (wrong
 * number of fields, a stray quote) is reported as unparsable with its line, and parsing goes on.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import type { FileRecord } from './ndjson-records.js';

/**
 * CRLF → LF before parsing. csv-parse counts the CR and the LF of a CRLF inside a quoted field
 * as two lines, so every line number after a multi-line field would be one too high; with LF
 * only, its line count is exact. Inside a quoted field this turns CRLF into LF, which is also
 * the form text is stored in.
 */
class CrlfToLf extends Transform {
  private pendingCr = false;

  constructor() {
    super({ decodeStrings: false, encoding: 'utf8' });
  }

  override _transform(chunk: string | Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let text = (this.pendingCr ? '\r' : '') + chunk.toString();
    // A chunk may end between the CR and the LF of one line break: hold the CR back.
    this.pendingCr = text.endsWith('\r');
    if (this.pendingCr) text = text.slice(0, -1);
    done(null, text.replace(/\r\n/g, '\n'));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.pendingCr ? '\r' : '');
  }
}

/**
 * A record's own text: csv-parse's raw text also holds the empty lines skipped before it, and
 * the line break that ends it.
 */
const own = (raw: string) => raw.replace(/^\n+/, '').replace(/\n$/, '');

/** The line a record starts on, from the line it ends on and the line breaks inside it. */
function startLine(endLine: number, text: string): number {
  return endLine - (text.split('\n').length - 1);
}

export async function* csvRecords(text: Readable): AsyncGenerator<FileRecord> {
  const parser = parse({
    columns: true,
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  // Broken rows arrive as events while the good ones are read from the stream; they are queued
  // and handed out in line order, before the first good record after them.
  const broken: FileRecord[] = [];
  parser.on('skip', (error: CsvError & { raw?: string; lines?: number }) => {
    const text = own(error.raw ?? '');
    const line = startLine(error.lines ?? 0, text);
    broken.push({ line, text, unparsable: `line ${line}: ${error.message}` });
  });
  const rows = text.pipe(new CrlfToLf()).pipe(parser);
  text.on('error', (error) => parser.destroy(error));
  for await (const row of rows as AsyncIterable<{ record: Record<string, string>; info: Info; raw: string }>) {
    const text = own(row.raw);
    const line = startLine(row.info.lines, text);
    while (broken.length > 0 && broken[0]!.line < line) yield broken.shift()!;
    yield { line, text, value: row.record };
  }
  yield* broken.splice(0);
}
