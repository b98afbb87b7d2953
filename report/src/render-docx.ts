/**
 * The report as a Word document, the form the bureau's offices file: a title, the same sections
 * and text as the other formats (figures in bold, missing ones marked), and a table of key figures
 * per domain. The charts stay in the HTML page: embedding them here would need a rasterizer.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { UNAVAILABLE } from './format.js';
import type { Paragraph as ReportParagraph, ReportModel } from './template.js';

/** 仿宋 for body text and 黑体 for headings, as Chinese official documents use; Latin in Times. */
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋', hint: 'eastAsia' };
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', hint: 'eastAsia' };

function runsOf(paragraph: ReportParagraph, report: ReportModel): TextRun[] {
  return paragraph.map((s) => {
    if ('text' in s) return new TextRun({ text: s.text });
    const printed = report.figures.get(s.figure)?.text;
    // Each figure is one run, so its printed form stays whole in word/document.xml.
    return printed === null || printed === undefined
      ? new TextRun({ text: UNAVAILABLE, italics: true, color: 'A15C00' })
      : new TextRun({ text: printed, bold: true });
  });
}

function cell(text: string, options: { header?: boolean; missing?: boolean; widthPercent: number }): TableCell {
  return new TableCell({
    width: { size: options.widthPercent, type: WidthType.PERCENTAGE },
    ...(options.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F0EBE1' } } : {}),
    children: [
      new Paragraph({
        children: [
          new TextRun({
            text,
            ...(options.header ? { bold: true, font: HEADING_FONT } : {}),
            ...(options.missing ? { italics: true, color: 'A15C00' } : {}),
          }),
        ],
      }),
    ],
  });
}

export async function renderDocx(report: ReportModel): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: report.title, font: HEADING_FONT, bold: true, size: 36 })],
    }),
  ];
  for (const paragraph of report.preface) {
    children.push(new Paragraph({ children: runsOf(paragraph, report), spacing: { after: 120 } }));
  }

  for (const section of report.sections) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: section.heading, font: HEADING_FONT })] }),
    );
    for (const paragraph of section.paragraphs) {
      children.push(new Paragraph({ children: runsOf(paragraph, report), indent: { firstLine: 640 }, spacing: { after: 120 } }));
    }
  }

  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: '主要数据一览', font: HEADING_FONT })] }));
  for (const group of report.keyFigures) {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: group.title, font: HEADING_FONT })] }),
    );
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: [cell('指标', { header: true, widthPercent: 60 }), cell('数值', { header: true, widthPercent: 40 })],
          }),
          ...group.rows.map(
            (row) =>
              new TableRow({
                children: [
                  cell(row.label, { widthPercent: 60 }),
                  cell(row.text ?? UNAVAILABLE, { widthPercent: 40, missing: row.text === null }),
                ],
              }),
          ),
        ],
      }),
    );
  }

  const document = new Document({
    title: report.title,
    creator: 'GovGraph',
    description: `${report.year}年度工作数据报告`,
    styles: {
      default: {
        document: { run: { font: BODY_FONT, size: 28 } },
        heading1: { run: { font: HEADING_FONT, size: 32, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: HEADING_FONT, size: 28, bold: true, color: '000000' }, paragraph: { spacing: { before: 200, after: 80 } } },
        title: { run: { font: HEADING_FONT, size: 36, bold: true, color: '000000' } },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
