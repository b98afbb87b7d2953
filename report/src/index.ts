/** The report generator as a library: the CLI's pieces, for other tools and the e2e tests. */
export { fetchAnnualFigures, variablesForYear, DEFAULT_ENDPOINT, type FetchedFigures, type FetchOptions } from './client.js';
export { ReportError, ReportErrorCode } from './errors.js';
export { generateReport, REPORT_FORMATS, type GeneratedReport, type ReportFormat } from './generate.js';
export { buildReport, type ReportModel } from './template.js';
export { FIGURES, type FigureKey, type PrintedFigure } from './figures.js';
export { renderMarkdown } from './render-markdown.js';
export { renderHtml } from './render-html.js';
export { renderDocx } from './render-docx.js';
export { runCli } from './main.js';
