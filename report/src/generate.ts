/** From a year to a finished document: fetch, check, build the text, render one format. */
import { fetchAnnualFigures, type FetchOptions, type FetchedFigures } from './client.js';
import { ReportError, ReportErrorCode } from './errors.js';
import { renderMarkdown } from './render-markdown.js';
import { buildReport, type ReportModel } from './template.js';

export const REPORT_FORMATS = ['md', 'html', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface GenerateOptions extends FetchOptions {
  format: ReportFormat;
}

export interface GeneratedReport {
  format: ReportFormat;
  /** Markdown and HTML as text, DOCX as the bytes of the .docx file. */
  content: string | Buffer;
  model: ReportModel;
  warnings: string[];
  timings: { fetchMs: number; renderMs: number };
}

/**
 * Refuses a year the graph holds nothing for: when every activity measure of the year that the
 * graph could report (work orders, service-center applications, data-platform records, cloud
 * expansions, channel figures) is zero, a report would be a page of zeros, not a report.
 */
export function assertYearHasData(fetched: Pick<FetchedFigures, 'year' | 'data'>): void {
  const d = fetched.data;
  const measures: number[] = [];
  if (d.hotlineStatistics) measures.push(d.hotlineStatistics.received);
  if (d.hotlineTrend) measures.push(d.hotlineTrend.reduce((sum, p) => sum + p.statistics.received, 0));
  if (d.serviceCenter) measures.push(d.serviceCenter.applications.handled);
  if (d.dataFlows) measures.push(d.dataFlows.reduce((sum, f) => sum + f.records, 0));
  if (d.capacityExpansions) measures.push(d.capacityExpansions.length);
  if (d.serviceChannels) measures.push(d.serviceChannels.length);
  if (measures.length > 0 && measures.every((m) => m === 0)) {
    throw new ReportError(
      ReportErrorCode.NO_DATA,
      `no data for ${fetched.year}: the graph holds no 12345 work orders, service-center applications, data-platform records, cloud expansions or channel figures in that year`,
    );
  }
}

/** Renders one format. ECharts (about a second to load) and docx load only for their format. */
export async function render(model: ReportModel, format: ReportFormat): Promise<string | Buffer> {
  switch (format) {
    case 'md':
      return renderMarkdown(model);
    case 'html':
      return (await import('./render-html.js')).renderHtml(model);
    case 'docx':
      return (await import('./render-docx.js')).renderDocx(model);
  }
}

export function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new ReportError(ReportErrorCode.USAGE, `--year must be a year between ${MIN_YEAR} and ${MAX_YEAR}, got ${year}`);
  }
}

export async function generateReport(options: GenerateOptions): Promise<GeneratedReport> {
  assertYear(options.year);
  const started = performance.now();
  const fetched = await fetchAnnualFigures(options);
  const fetchedAt = performance.now();
  assertYearHasData(fetched);
  const model = buildReport(fetched);
  const content = await render(model, options.format);
  const renderedAt = performance.now();
  return {
    format: options.format,
    content,
    model,
    warnings: model.warnings,
    timings: { fetchMs: fetchedAt - started, renderMs: renderedAt - fetchedAt },
  };
}
