import { describe, expect, it } from 'vitest';
import { UNAVAILABLE } from './format.js';
import { renderDocx } from './render-docx.js';
import { buildReport } from './template.js';
import { fixture2021, PRINTED_2021 } from './testing/fixture-2021.js';
import { shapeFor } from './testing/mock-gateway.js';
import { readZipEntry, zipEntries } from './testing/zip.js';

const YEAR_2021 = { year: 2021, asOf: '2021-12-31', from: '2021-01-01', to: '2021-12-31' };

/** The visible text of document.xml, runs joined (Word may split text across runs). */
const visibleText = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');

describe('renderDocx', () => {
  it('writes a Word package whose document.xml holds the headings, the text and every figure', async () => {
    const docx = await renderDocx(buildReport({ year: 2021, data: fixture2021(), unavailable: [], errors: [] }));

    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const names = zipEntries(docx).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml']));

    const xml = readZipEntry(docx, 'word/document.xml')!.toString('utf8');
    for (const [key, printed] of Object.entries(PRINTED_2021)) {
      // Each figure is one run, so it is whole in the XML itself.
      expect(xml, key).toContain(`>${printed}<`);
    }
    const text = visibleText(xml);
    expect(text).toContain('湛江市政务服务和数据管理2021年度工作数据报告');
    expect(text).toContain('四、数字政府基础设施与数据');
    expect(text).toContain('主要数据一览');
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    // The key-figures tables: one per domain.
    expect(xml.match(/<w:tbl>/g)).toHaveLength(4);
  });

  it('marks missing figures in the document', async () => {
    const data = shapeFor(fixture2021(), { ...YEAR_2021, cloud: false });
    const docx = await renderDocx(buildReport({ year: 2021, data, unavailable: ['cloud'], errors: [] }));
    const xml = readZipEntry(docx, 'word/document.xml')!.toString('utf8');
    expect(xml).toContain(UNAVAILABLE);
    expect(xml).not.toContain('7712核');
    expect(xml).toContain('>65.2万宗<');
  });
});
