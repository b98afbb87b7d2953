import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ReportError, ReportErrorCode } from './errors.js';
import { FIGURES } from './figures.js';
import { UNAVAILABLE } from './format.js';
import { generateReport } from './generate.js';
import { buildReport, figureKeysOf } from './template.js';
import { emptyYear, fixture2021, PRINTED_2021 } from './testing/fixture-2021.js';
import { MOCK_ENDPOINT, mockGateway, ROOT_FIELDS_BY_SUBGRAPH, server, useMockServer } from './testing/mock-gateway.js';

useMockServer();

const markdownFor = async (options: Parameters<typeof mockGateway>[0], year = 2021) => {
  const gateway = mockGateway(options);
  server.use(gateway.handler);
  const report = await generateReport({ year, format: 'md', endpoint: MOCK_ENDPOINT });
  return { ...report, markdown: report.content as string, requests: gateway.requests };
};

const labelOf = (key: string) => FIGURES.find((f) => f.key === key)!.label;
const row = (key: string, value: string) => `| ${labelOf(key)} | ${value} |`;

describe('the template', () => {
  it('places every figure of the report in the text, each once', () => {
    const keys = FIGURES.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(Object.keys(PRINTED_2021).sort()).toEqual([...keys].sort());
    const model = buildReport({ year: 2021, data: fixture2021(), unavailable: [], errors: [] });
    const textKeys = model.sections.flatMap((s) => figureKeysOf(s.paragraphs));
    expect([...textKeys].sort()).toEqual([...keys].sort());
  });
});

describe('the 2021 report from a mocked gateway', () => {
  it('prints every figure in the report’s form, in the text and in the key-figures table, from one request', async () => {
    const { markdown, model, requests, warnings } = await markdownFor({ data: fixture2021() });

    expect(requests).toHaveLength(1);
    expect(warnings).toEqual([]);
    expect(model.unavailable).toEqual([]);

    const [body] = markdown.split('## 主要数据一览');
    for (const [key, printed] of Object.entries(PRINTED_2021)) {
      expect(body, key).toContain(printed);
      expect(markdown, key).toContain(row(key, printed));
    }
    expect(markdown).not.toContain(UNAVAILABLE);
  });

  it('has one section per domain, in the report’s order', async () => {
    const { markdown } = await markdownFor({ data: fixture2021() });
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## 一、政务服务改革与服务大厅',
      '## 二、电子证照',
      '## 三、服务效能：基层平台、自助终端、跨域通办与12345热线',
      '## 四、数字政府基础设施与数据',
      '## 主要数据一览',
    ]);
  });

  it('writes exact values without "more than" wording and larger ones with it', async () => {
    const data = fixture2021();
    data.hotlineStatistics!.received = 652_345;
    data.dataFlows = data.dataFlows!.map((f) => (f.flow === 'SHARED_TO_COUNTIES' ? { ...f, records: 2_950_000 } : f));
    data.serviceChannels = data.serviceChannels!.map((c) => (c.code === 'YUESHENGSHI' ? { ...c, registeredUsers: 6_707_000 } : c));
    const { markdown } = await markdownFor({ data });
    expect(markdown).toContain(row('hotline.calls', '65.2万多宗'));
    expect(markdown).toContain(row('data.sharedToCounties', '295万条'));
    expect(markdown).toContain(row('channels.yueshengshi.users', '670.7万人'));
  });
});

describe('partial data', () => {
  it('a subgraph down: its figures are marked unavailable with warnings, the rest printed, nothing zero', async () => {
    const { markdown, model, warnings, requests } = await markdownFor({ data: fixture2021(), down: ['hotline'] });

    expect(requests.map((r) => r.variables.hotline)).toEqual([undefined, false]);
    for (const figure of FIGURES) {
      if (figure.subgraph === 'hotline') {
        expect(markdown, figure.key).toContain(row(figure.key, UNAVAILABLE));
        expect(model.figures.get(figure.key)?.text).toBeNull();
      } else {
        expect(markdown, figure.key).toContain(row(figure.key, PRINTED_2021[figure.key]!));
      }
    }
    expect(markdown).toContain(`本年度共受理群众诉求${UNAVAILABLE}`);
    expect(markdown).not.toMatch(/(^|[^\d.])0(宗|条)/);
    expect(markdown).toContain('部分业务系统在生成时未能提供数据');
    expect(warnings[0]).toBe('warning: the hotline subgraph is unavailable; its figures are marked as unavailable in the report');
    expect(warnings).toContain('warning: 12345受理群众诉求 (hotline.calls) is unavailable: the hotline subgraph is unavailable');
    expect(warnings).toContain('warning: the chart of 12345 work orders by month is unavailable');
    expect(model.charts.hotlineByMonth).toBeNull();
    expect(model.charts.itemsByCounty).not.toBeNull();
  });

  it('service-items down: the cloud chart falls back to department codes, its figures are unavailable', async () => {
    const { model, markdown } = await markdownFor({ data: fixture2021(), down: ['service-items'] });
    expect(markdown).toContain(row('powerList.cityItems', UNAVAILABLE));
    expect(markdown).toContain(row('certificates.issuedTotal', '924.3万张'));
    expect(model.charts.itemsByCounty).toBeNull();
    expect(model.charts.cloudByDepartment?.[0]?.label).toMatch(/^11440800MB2C\d{5}X$/);
  });

  it('null fields with errors in the answer: those figures are unavailable and the errors are warned about', async () => {
    server.use(
      http.post(MOCK_ENDPOINT, () => {
        const data: Record<string, unknown> = fixture2021();
        for (const field of ROOT_FIELDS_BY_SUBGRAPH.certificates) data[field] = null;
        return HttpResponse.json({
          data,
          errors: [{ message: 'certificate store timed out', path: ['certificateStatistics'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      }),
    );
    const report = await generateReport({ year: 2021, format: 'md', endpoint: MOCK_ENDPOINT });
    const markdown = report.content as string;
    expect(markdown).toContain(row('certificates.issuedTotal', UNAVAILABLE));
    expect(markdown).toContain(row('certificates.usageRate', UNAVAILABLE));
    expect(markdown).toContain(row('hotline.calls', '65.2万宗'));
    expect(report.warnings).toContain('warning: the gateway reported: certificate store timed out [INTERNAL_SERVER_ERROR]');
  });

  it('a value the rules cannot print truthfully is marked unavailable, not printed', async () => {
    const data = fixture2021();
    data.catalogStatistics!.onlineRate = 97.05; // a percentage where a fraction belongs
    const { markdown, warnings } = await markdownFor({ data });
    expect(markdown).toContain(row('online.rate', UNAVAILABLE));
    expect(markdown).not.toContain('9705%');
    expect(warnings.some((w) => w.includes('(online.rate)') && w.includes('cannot be printed'))).toBe(true);
  });
});

describe('a year with no data', () => {
  it('is refused with a clear message', async () => {
    server.use(mockGateway({ data: emptyYear() }).handler);
    const error = await generateReport({ year: 2019, format: 'md', endpoint: MOCK_ENDPOINT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).code).toBe(ReportErrorCode.NO_DATA);
    expect((error as ReportError).message).toMatch(/^no data for 2019: /);
  });

  it('is not confused with a year whose hotline is down', async () => {
    const data = { ...emptyYear(), hotlineStatistics: fixture2021().hotlineStatistics };
    server.use(mockGateway({ data }).handler);
    await expect(generateReport({ year: 2019, format: 'md', endpoint: MOCK_ENDPOINT })).resolves.toBeDefined();
  });
});
