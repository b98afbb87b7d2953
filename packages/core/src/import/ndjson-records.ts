/**
 * Records of an NDJSON export (one JSON object per line), from a stream of decoded text, with
 * their 1-based line numbers. A line that is not JSON is reported as unparsable, not thrown:
 * one bad line must not stop the file. Blank lines are skipped.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

export interface FileRecord {
  /** 1-based line the record starts on. */
  line: number;
  text: string;
  value?: unknown;
  unparsable?: string;
}

export async function* ndjsonRecords(text: Readable): AsyncGenerator<FileRecord> {
  // readline splits on LF and CRLF alike and holds one line at a time, never the file.
  const lines = createInterface({ input: text, crlfDelay: Infinity });
  let line = 0;
  for await (const content of lines) {
    line++;
    if (content.trim() === '') continue;
    try {
      yield { line, text: content, value: JSON.parse(content) };
    } catch (error) {
      yield { line, text: content, unparsable: `line ${line} is not JSON (${(error as Error).message})` };
    }
  }
}
