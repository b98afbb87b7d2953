/** The report as Markdown: the default output, and the plain text the other formats share. */
import { UNAVAILABLE } from './format.js';
import type { Paragraph, ReportModel } from './template.js';

/** A paragraph's plain text, each figure in its printed form or marked unavailable. */
export function paragraphText(paragraph: Paragraph, report: Pick<ReportModel, 'figures'>): string {
  return paragraph.map((s) => ('text' in s ? s.text : (report.figures.get(s.figure)?.text ?? UNAVAILABLE))).join('');
}

/** Table cells may not hold a pipe or a line break. */
const cell = (value: string) => value.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

export function renderMarkdown(report: ReportModel): string {
  const lines: string[] = [`# ${report.title}`, ''];
  for (const paragraph of report.preface) lines.push(`> ${paragraphText(paragraph, report)}`, '>');
  lines.pop();
  lines.push('');

  for (const section of report.sections) {
    lines.push(`## ${section.heading}`, '');
    for (const paragraph of section.paragraphs) lines.push(paragraphText(paragraph, report), '');
  }

  lines.push('## 主要数据一览', '');
  for (const group of report.keyFigures) {
    lines.push(`### ${group.title}`, '', '| 指标 | 数值 |', '| --- | --- |');
    for (const row of group.rows) lines.push(`| ${cell(row.label)} | ${cell(row.text ?? UNAVAILABLE)} |`);
    lines.push('');
  }
  return lines.join('\n');
}
