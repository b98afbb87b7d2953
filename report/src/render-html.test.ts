import { describe, expect, it } from 'vitest';
import { UNAVAILABLE } from './format.js';
import { renderHtml } from './render-html.js';
import { buildReport } from './template.js';
import { fixture2021, PRINTED_2021 } from './testing/fixture-2021.js';
import { shapeFor } from './testing/mock-gateway.js';

const YEAR_2021 = { year: 2021, asOf: '2021-12-31', from: '2021-01-01', to: '2021-12-31' };

describe('renderHtml', () => {
  const html = renderHtml(buildReport({ year: 2021, data: fixture2021(), unavailable: [], errors: [] }));

  it('is one self-contained page: inline CSS, no URL of any kind, nothing to load', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('holds three server-rendered SVG charts', () => {
    expect(html.match(/<svg\b/g)).toHaveLength(3);
    for (const title of ['各县（市、区）政务服务事项数', '12345热线每月受理工单', '各部门政务云资源分配（VCPU）']) {
      expect(html).toContain(`aria-label="${title}"`);
    }
    // The charts hold their data: month labels, county names, a folded tail of departments.
    expect(html).toContain('12月');
    expect(html).toContain('雷州市');
    expect(html).toContain('其余42个部门');
  });

  it('writes well-formed SVG: every attribute value closes before the next attribute', () => {
    for (const svg of html.match(/<svg\b[\s\S]*?<\/svg>/g) ?? []) {
      const tags = svg.match(/<[a-z][^>]*>/g) ?? [];
      for (const tag of tags) expect(tag, tag).toMatch(/^<[a-z]+(\s+[a-z_:-]+="[^"]*")*\s*\/?>$/i);
    }
  });

  it('holds the same text and figures as the Markdown', () => {
    for (const [key, printed] of Object.entries(PRINTED_2021)) expect(html, key).toContain(printed);
    expect(html).toContain('<strong class="figure">65.2万宗</strong>');
  });

  it('marks a missing chart and missing figures instead of drawing zeros', () => {
    const partial = renderHtml(
      buildReport({ year: 2021, data: shapeFor(fixture2021(), { ...YEAR_2021, hotline: false }), unavailable: ['hotline'], errors: [] }),
    );
    expect(partial.match(/<svg\b/g)).toHaveLength(2);
    expect(partial).toContain(`图2　12345热线每月受理工单：${UNAVAILABLE}`);
    expect(partial).toContain(`<span class="missing" title="数据暂缺">${UNAVAILABLE}</span>`);
    expect(partial).not.toMatch(/https?:\/\//);
  });

  it('escapes text from the graph', () => {
    const data = fixture2021();
    data.counties!.edges[0]!.node.name = '<b>赤坎</b>&';
    const page = renderHtml(buildReport({ year: 2021, data, unavailable: [], errors: [] }));
    expect(page).not.toContain('<b>赤坎</b>');
  });
});
