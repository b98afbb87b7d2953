/**
 * The examples in docs/upstream-apis.md are what the importer accepts: the REST answer and the
 * CSV export both import without a quarantined record, to the same rows.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '@govgraph/core';
import { memoryDatabase } from '../testing/fixture.js';
import { workOrders } from './work-orders.js';
import { temporaryDirectory } from '@govgraph/core/testing';

const DOC = readFileSync(fileURLToPath(new URL('../../../../docs/upstream-apis.md', import.meta.url)), 'utf8');
const upstream = setupServer();
beforeAll(() => upstream.listen({ onUnhandledRequest: 'error' }));
afterAll(() => upstream.close());

/** The first fenced block of `language` after `marker`. */
function block(marker: string, language: string): string {
  const from = DOC.indexOf(marker);
  const start = DOC.indexOf(`\`\`\`${language}\n`, from) + language.length + 4;
  return DOC.slice(start, DOC.indexOf('\n```', start) + 1);
}

describe('docs/upstream-apis.md', () => {
  it('shows a work-orders answer and export that import cleanly, to the same rows', async () => {
    const answer = JSON.parse(block('<!-- example: work-orders response', 'json'));
    upstream.use(http.get('http://hotline.test/api/v1/work-orders', () => HttpResponse.json({ ...answer, nextCursor: null })));
    const fromApi = await memoryDatabase();
    const api = await runImport({ db: fromApi, resource: workOrders, from: { url: 'http://hotline.test', rest: { initialDelayMs: 1 } } });
    expect(api).toMatchObject({ status: 'SUCCEEDED', inserted: 2, quarantined: 0 });

    const file = path.join(temporaryDirectory('govgraph-doc-'), 'work-orders.csv');
    writeFileSync(file, block('The same orders as a CSV export', 'csv'));
    const fromFile = await memoryDatabase();
    const csv = await runImport({ db: fromFile, resource: workOrders, from: { file } });
    expect(csv).toMatchObject({ status: 'SUCCEEDED', inserted: 2, quarantined: 0 });

    const rows = (db: typeof fromApi) => db.selectFrom('work_orders').selectAll().orderBy('id').execute();
    const [apiRows, csvRows] = [await rows(fromApi), await rows(fromFile)];
    // The CSV's second summary says a little more; everything else is the same record.
    expect(csvRows.map((r) => ({ ...r, summary: '' }))).toEqual(apiRows.map((r) => ({ ...r, summary: '' })));
    expect(csvRows[1]!.summary).toBe('咨询取水许可办理材料，另问"办理时限"');
    expect(apiRows[0]).toMatchObject({ caller_phone: '13832653612', region_code: '440823008014', handling_minutes: 6072 });
    expect(apiRows[1]).toMatchObject({ channel: 'PHONE', category: 'CONSULTATION', disposition: 'DIRECT_REPLY', region_code: '440823002' });
    await fromApi.destroy();
    await fromFile.destroy();
  });
});
