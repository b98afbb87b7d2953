/**
 * What the runner reads from: a source yields records in chunks, each chunk ending at a position
 * from which reading can resume. The runner commits that position with the batch the chunk
 * belongs to, so a resumed run starts exactly after the last committed record.
 */
import type { RecordLocation } from './resource.js';

/** One record as read, before validation. */
export interface RawRecord {
  /** The parsed value (a JSON object, or a CSV row keyed by the header); absent when unparsable. */
  value?: unknown;
  /** The record's text as read, kept in quarantine for a person to look at. */
  text: string;
  location: RecordLocation;
  /** Why the record could not be parsed at all (a broken CSV line, a line that is not JSON). */
  unparsable?: string;
}

export interface SourceChunk {
  records: RawRecord[];
  /** Where to resume after this chunk; opaque to the runner, understood by the same source. */
  position: string;
}

export interface RecordSource {
  /** The URL or file path, as runs, cursors and quarantine rows name it. */
  readonly name: string;
  /**
   * The records from `resumeFrom` (a position an earlier chunk of this source returned) or from
   * the start. Stops early, without error, when `signal` aborts between chunks.
   */
  chunks(resumeFrom: string | undefined, signal?: AbortSignal): AsyncIterable<SourceChunk>;
}

/**
 * The source failed for good: unreachable after every retry, answered with an error or
 * malformed pages, or a file that cannot be read. The run ends FAILED; committed batches stay.
 */
export class ImportSourceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportSourceError';
  }
}
