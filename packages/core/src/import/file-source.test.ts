import { mkdtempSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fileSource } from './file-source.js';
import { runImport } from './runner.js';
import type { RawRecord } from './source.js';
import { allThings, OWNER_A, OWNER_B, thing, things, thingsDatabase } from './testing/things.js';
import { temporaryDirectory } from './testing/temporary-directory.js';

const dir = temporaryDirectory('govgraph-file-source-');

function file(name: string, content: string | Buffer): string {
  const at = path.join(dir, name);
  writeFileSync(at, content);
  return at;
}

async function readAll(source: ReturnType<typeof fileSource>, resumeFrom?: string): Promise<{ records: RawRecord[]; positions: string[] }> {
  const records: RawRecord[] = [];
  const positions: string[] = [];
  for await (const chunk of source.chunks(resumeFrom)) {
    records.push(...chunk.records);
    positions.push(chunk.position);
  }
  return { records, positions };
}

const BOM = '\uFEFF';

// Line 1 header; 2 a name with a quoted comma; 3-4 one record whose quoted name spans two lines;
// 5 a blank line; 6 a row with fields missing (broken); 7 a blank line; 8 a good row.
const CSV =
  BOM +
  ['id,name,owner,updatedAt', `T1,"Smith, John",${OWNER_A},2021-03-01 08:00:00`, `T2,"two`, `lines",${OWNER_B},2021-03-01 09:00`, '', `T3,${OWNER_A}`, '', `T4,plain,${OWNER_B},2021/3/2 10:00`].join(
    '\r\n',
  ) +
  '\r\n';

describe('file sources', () => {
  it('reads a CSV with a BOM, quoted commas and CRLF, and reports a broken line with its number', async () => {
    const { records } = await readAll(fileSource({ file: file('things.csv', CSV), chunkSize: 2 }));
    expect(records.map((r) => [r.location.line, r.unparsable === undefined ? r.value : r.unparsable])).toEqual([
      [2, { id: 'T1', name: 'Smith, John', owner: OWNER_A, updatedAt: '2021-03-01 08:00:00' }],
      [3, { id: 'T2', name: 'two\nlines', owner: OWNER_B, updatedAt: '2021-03-01 09:00' }],
      [6, expect.stringMatching(/^line 6: Invalid Record Length: columns length is 4, got 2/)],
      [8, { id: 'T4', name: 'plain', owner: OWNER_B, updatedAt: '2021/3/2 10:00' }],
    ]);
    // The header's BOM did not end up in the first column's name.
    expect(Object.keys(records[0]!.value as object)[0]).toBe('id');
    expect(records[2]!.text).toBe(`T3,${OWNER_A}`);
  });

  it('imports that CSV: good rows written, the broken line quarantined with its line', async () => {
    const db = await thingsDatabase();
    const at = file('import.csv', CSV);
    const summary = await runImport({ db, resource: things, from: { file: at } });
    expect(summary).toMatchObject({ status: 'SUCCEEDED', inserted: 3, quarantined: 1 });
    expect((await allThings(db)).map((t) => [t.id, t.name, t.version])).toEqual([
      ['T1', 'Smith, John', '2021-03-01T08:00:00+08:00'],
      ['T2', 'two\nlines', '2021-03-01T09:00:00+08:00'],
      ['T4', 'plain', '2021-03-02T10:00:00+08:00'],
    ]);
    const quarantined = await db.selectFrom('import_quarantine').selectAll().execute();
    expect(quarantined).toEqual([
      expect.objectContaining({ source: at, line: 6, page: null, raw_text: `T3,${OWNER_A}`, record_json: null, status: 'OPEN' }),
    ]);
  });

  it('decodes a GBK file when told to', async () => {
    const db = await thingsDatabase();
    const csv = `id,name,owner,updatedAt\nT1,湛江市政务服务数据管理局,${OWNER_A},2021-03-01 08:00\n`;
    const at = file('gbk.csv', iconv.encode(csv, 'gbk'));
    const summary = await runImport({ db, resource: things, from: { file: at, encoding: 'gbk' } });
    expect(summary).toMatchObject({ status: 'SUCCEEDED', inserted: 1 });
    expect((await allThings(db))[0]!.name).toBe('湛江市政务服务数据管理局');
  });

  it('reads NDJSON line by line; a line that is not JSON is quarantined, not fatal', async () => {
    const lines = [JSON.stringify(thing(1)), '{"id": "T2", oops', '', JSON.stringify(thing(3))];
    const { records } = await readAll(fileSource({ file: file('things.ndjson', `${BOM}${lines.join('\r\n')}\r\n`) }));
    expect(records.map((r) => [r.location.line, r.unparsable ?? (r.value as { id: string }).id])).toEqual([
      [1, 'T1'],
      [2, expect.stringMatching(/^line 2 is not JSON \(/)],
      [4, 'T3'],
    ]);
  });

  it('resumes after the committed line, and starts over when the file has changed since', async () => {
    const lines = Array.from({ length: 7 }, (_, i) => JSON.stringify(thing(i + 1)));
    const at = file('resume.ndjson', `${lines.join('\n')}\n`);
    const source = fileSource({ file: at, chunkSize: 3 });
    const first = await readAll(source);
    expect(first.positions).toHaveLength(3);
    const resumed = await readAll(source, first.positions[0]);
    expect(resumed.records.map((r) => r.location.line)).toEqual([4, 5, 6, 7]);

    writeFileSync(at, `${lines.join('\n')}\n${JSON.stringify(thing(8))}\n`);
    const changed = await readAll(source, first.positions[0]);
    expect(changed.records.map((r) => r.location.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('fails the run with a clear error for a missing file', async () => {
    const db = await thingsDatabase();
    const missing = path.join(dir, 'missing.ndjson');
    const summary = await runImport({ db, resource: things, from: { file: missing } });
    expect(summary).toMatchObject({ status: 'FAILED', failure: 'source', error: `cannot read ${missing}: ENOENT` });
  });
});
