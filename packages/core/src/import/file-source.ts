/**
 * Reads a resource from an export file (CSV or NDJSON), streamed: the file is decoded (UTF-8 with
 * or without BOM, or GBK) and parsed a piece at a time, so a file of any size takes the memory of
 * one chunk. A chunk's position is the line of its last record plus the file's size and
 * modification time: a resumed run skips what was committed, unless the file has changed since,
 * when it starts over (idempotent upserts make re-reading safe).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import iconv from 'iconv-lite';
import { csvRecords } from './csv-records.js';
import { ndjsonRecords, type FileRecord } from './ndjson-records.js';
import { ImportSourceError, type RecordSource, type SourceChunk } from './source.js';

export type FileFormat = 'csv' | 'ndjson';
export type FileEncoding = 'utf8' | 'gbk';
export const FILE_FORMATS: readonly FileFormat[] = ['csv', 'ndjson'];
export const FILE_ENCODINGS: readonly FileEncoding[] = ['utf8', 'gbk'];

export interface FileSourceOptions {
  file: string;
  /** Default: from the extension (`.csv`; `.ndjson`, `.jsonl`). */
  format?: FileFormat;
  /** Default utf8; a UTF-8 byte-order mark is dropped either way. */
  encoding?: FileEncoding;
  /** Records per chunk. Default 500. */
  chunkSize?: number;
}

interface FilePosition {
  line: number;
  size: number;
  mtimeMs: number;
}

export function formatOf(file: string, explicit?: FileFormat): FileFormat {
  if (explicit) return explicit;
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  throw new ImportSourceError(`cannot tell the format of ${file} from its name: pass --format csv or --format ndjson`);
}

export function fileSource(options: FileSourceOptions): RecordSource {
  const file = path.resolve(options.file);
  const format = formatOf(file, options.format);
  const encoding = options.encoding ?? 'utf8';
  const chunkSize = options.chunkSize ?? 500;

  async function* chunks(resumeFrom: string | undefined, signal?: AbortSignal): AsyncGenerator<SourceChunk> {
    let stats;
    try {
      stats = await stat(file);
    } catch (error) {
      throw new ImportSourceError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const identity = { size: stats.size, mtimeMs: stats.mtimeMs };
    const from = resumeFrom ? (JSON.parse(resumeFrom) as FilePosition) : undefined;
    const skipThrough = from && from.size === identity.size && from.mtimeMs === identity.mtimeMs ? from.line : 0;

    const bytes = createReadStream(file);
    const text = new PassThrough({ encoding: 'utf8' });
    // pipe() does not forward errors; a read error must end the parse, not hang it.
    bytes.on('error', (error) => text.destroy(error));
    bytes.pipe(iconv.decodeStream(encoding)).pipe(text);
    const records: AsyncGenerator<FileRecord> = format === 'csv' ? csvRecords(text) : ndjsonRecords(text);

    let chunk: FileRecord[] = [];
    const emit = (): SourceChunk => {
      const position: FilePosition = { line: chunk.at(-1)!.line, ...identity };
      const out = {
        records: chunk.map((r) => ({
          text: r.text,
          location: { source: file, line: r.line },
          ...(r.unparsable !== undefined ? { unparsable: r.unparsable } : { value: r.value }),
        })),
        position: JSON.stringify(position),
      };
      chunk = [];
      return out;
    };
    try {
      for await (const record of records) {
        if (record.line <= skipThrough) continue;
        chunk.push(record);
        if (chunk.length >= chunkSize) {
          yield emit();
          if (signal?.aborted) return;
        }
      }
      if (chunk.length > 0) yield emit();
    } catch (error) {
      if (error instanceof ImportSourceError) throw error;
      throw new ImportSourceError(`cannot read ${file}: ${(error as Error).message}`, { cause: error });
    } finally {
      bytes.destroy();
    }
  }

  return { name: file, chunks };
}
