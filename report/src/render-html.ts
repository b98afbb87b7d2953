/**
 * The report as one self-contained HTML page: inline CSS, the same text as the Markdown, and three
 * charts rendered to inline SVG on the server. The page names no URL at all, and its
 * Content-Security-Policy forbids loading anything, so it reads the same offline, from a USB stick
 * or an e-mail attachment.
 */
import type { BarDatum, ChartData } from './chart-data.js';
import { renderBarChartSvg } from './charts.js';
import { UNAVAILABLE } from './format.js';
import type { Domain } from './figures.js';
import type { Paragraph, ReportModel } from './template.js';

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function paragraphHtml(paragraph: Paragraph, report: ReportModel): string {
  return paragraph
    .map((s) => {
      if ('text' in s) return escapeHtml(s.text);
      const printed = report.figures.get(s.figure)?.text;
      return printed === null || printed === undefined
        ? `<span class="missing" title="数据暂缺">${escapeHtml(UNAVAILABLE)}</span>`
        : `<strong class="figure">${escapeHtml(printed)}</strong>`;
    })
    .join('');
}

interface ChartPlacement {
  key: keyof ChartData;
  domain: Domain;
  title: string;
  unit: string;
  horizontal?: boolean;
}

/** Which chart follows which section's text. */
export const CHARTS: readonly ChartPlacement[] = [
  { key: 'itemsByCounty', domain: 'reform', title: '各县（市、区）政务服务事项数', unit: '项' },
  { key: 'hotlineByMonth', domain: 'efficiency', title: '12345热线每月受理工单', unit: '宗' },
  { key: 'cloudByDepartment', domain: 'infrastructure', title: '各部门政务云资源分配（VCPU）', unit: '核', horizontal: true },
];

function chartHtml(placement: ChartPlacement, data: BarDatum[] | null, number: number): string {
  const caption = `图${number}　${escapeHtml(placement.title)}`;
  if (!data) {
    return `<figure class="chart missing-chart"><figcaption>${caption}：${escapeHtml(UNAVAILABLE)}</figcaption></figure>`;
  }
  const svg = renderBarChartSvg({
    title: placement.title,
    unit: placement.unit,
    data,
    ...(placement.horizontal ? { horizontal: true } : {}),
  }).replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(placement.title)}" `);
  return `<figure class="chart">${svg}<figcaption>${caption}</figcaption></figure>`;
}

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; background: #f4f1ea; color: #1f1f1f;
    font-family: "FangSong", "STFangsong", "Songti SC", "SimSun", "Noto Serif CJK SC", serif; line-height: 1.9; }
  main { max-width: 860px; margin: 2rem auto; padding: 2.5rem 3rem; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
  h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; color: #b22c2c; text-align: center; font-size: 1.6rem; line-height: 1.5; }
  h2, h3 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; }
  h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #b22c2c; padding-bottom: .2rem; }
  h3 { font-size: 1.05rem; margin-top: 1.4rem; }
  p { text-indent: 2em; margin: .6rem 0; font-size: 1.05rem; }
  .preface { border-left: 4px solid #b22c2c; background: #faf7f2; padding: .6rem 1rem; }
  .preface p { text-indent: 0; font-size: .95rem; }
  .figure { color: #8c1d1d; }
  .missing { color: #a15c00; background: #fff4e0; }
  figure.chart { margin: 1.2rem 0; text-align: center; }
  figure.chart svg { max-width: 100%; height: auto; }
  figcaption { font-size: .9rem; color: #555; }
  table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .95rem; }
  th, td { border: 1px solid #cfc8bb; padding: .35rem .6rem; text-align: left; }
  th { background: #f0ebe1; }
  td.value { white-space: nowrap; }
  @media print { body { background: #fff; } main { box-shadow: none; margin: 0; } }
`;

export function renderHtml(report: ReportModel): string {
  const body: string[] = [`<h1>${escapeHtml(report.title)}</h1>`, '<section class="preface">'];
  for (const paragraph of report.preface) body.push(`<p>${paragraphHtml(paragraph, report)}</p>`);
  body.push('</section>');

  let charts = 0;
  for (const section of report.sections) {
    body.push(`<section id="${section.domain}">`, `<h2>${escapeHtml(section.heading)}</h2>`);
    for (const paragraph of section.paragraphs) body.push(`<p>${paragraphHtml(paragraph, report)}</p>`);
    for (const chart of CHARTS.filter((c) => c.domain === section.domain)) {
      body.push(chartHtml(chart, report.charts[chart.key], ++charts));
    }
    body.push('</section>');
  }

  body.push('<section id="key-figures">', '<h2>主要数据一览</h2>');
  for (const group of report.keyFigures) {
    body.push(`<h3>${escapeHtml(group.title)}</h3>`, '<table>', '<thead><tr><th>指标</th><th>数值</th></tr></thead>', '<tbody>');
    for (const row of group.rows) {
      const value = row.text === null ? `<span class="missing">${escapeHtml(UNAVAILABLE)}</span>` : escapeHtml(row.text);
      body.push(`<tr><td>${escapeHtml(row.label)}</td><td class="value">${value}</td></tr>`);
    }
    body.push('</tbody>', '</table>');
  }
  body.push('</section>');

  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may be loaded from anywhere: styles are inline, charts are inline SVG.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
