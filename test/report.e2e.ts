/**
 * The report generator against the real gateway over the four real subgraphs on the 2021 dataset:
 * the command the bureau runs (`npm run report -- --year 2021 ...`), in each format. Every figure
 * of shared/reference/figures-2021.md must appear in the report's own printed form; the expected
 * strings are typed here from the reference, not computed by the generator's code.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readZipEntry } from '../report/src/testing/zip.js';
import { REPORT_SCOPES, tokenWith } from './harness/tokens.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const CLI = path.join(ROOT, 'report/src/cli.ts');

/** [the report's key-figures label, the figure as the 2021 report prints it]. */
const FIGURES_2021: readonly (readonly [string, string])[] = [
  // service-items
  ['市级权责清单事项', '7355项'],
  ['权责清单层级', '市、县、镇三级'],
  ['首批向县（市、区）下放事项', '86项'],
  ['向镇街下放批次', '两批'],
  ['向镇街下放事项', '7700项'],
  ['可网上办理的依申请事项', '10562项'],
  ['网上可办率（全市）', '97.05%'],
  ['依申请和公共服务事项进驻大厅比例', '100%'],
  ['进驻市行政服务中心单位', '45个'],
  ['进驻市行政服务中心事项', '1775项'],
  ['市行政服务中心年度办件', '53万余件'],
  ['市行政服务中心办结率', '100%'],
  ['市行政服务中心群众满意率', '99.9%'],
  ['行政许可办理时限压缩率（全市）', '95.11%'],
  ['行政许可跑动率（全市）', '0.0029'],
  ['市本级行政许可一窗受理率', '100%'],
  ['市本级行政许可即办率', '93.59%'],
  ['市本级行政许可网上可办率', '99.51%'],
  ['统一申办受理平台覆盖镇（街）', '121个'],
  ['统一申办受理平台覆盖村（居）', '1944个'],
  ['统一申办受理平台可审批事项', '17472项'],
  ['“粤智助”政府服务自助机', '2221台'],
  ['市内通办事项', '1107项'],
  ['本市事项省外可办', '110项'],
  ['省外事项在湛可办', '881项'],
  ['广州办事专窗可办事项', '78项'],
  ['建立“好差评”机制的大厅比例', '100%'],
  ['“粤省事”湛江服务事项', '959项'],
  ['“粤省事”关联电子证照业务', '69种'],
  ['“粤省事”实名注册用户', '超过670.7万人'],
  ['“粤商通”湛江专区可办事项', '576项'],
  ['“粤商通”覆盖服务领域数', '四大领域'],
  ['“粤商通”注册市场主体', '32.7万户'],
  ['“粤商通”市场主体注册率', '93.7%'],
  // certificates
  ['接入电子证照系统的市级部门', '59个'],
  ['市级发证清单证照种类', '278种'],
  ['已开通发证服务种类', '260种'],
  ['已签发电子证照种类', '194种'],
  ['电子证照入库率', '70%'],
  ['累计签发电子证照', '924.3万张'],
  ['接入电子证照系统的事项', '1247项'],
  ['可使用电子证照的事项', '1122项'],
  ['用证率', '90%'],
  // cloud
  ['政务云年度扩容升级', '两次'],
  ['政务云VCPU', '7712核'],
  ['政务云内存', '29536GB'],
  ['政务云存储', '988TB'],
  ['使用政务云的部门', '57个'],
  ['获得云资源的业务系统', '99个'],
  ['政务信息系统清单', '225个'],
  ['数据资源目录', '1227类'],
  ['数据需求目录', '50个'],
  ['数字政府专家库专家', '142名'],
  ['汇聚本地数据', '1.4亿多条'],
  ['省回流数据', '7034万多条'],
  ['事项数据编制挂接率', '100%'],
  ['向市直部门共享数据', '4640多万条'],
  ['向各区县共享数据', '295万多条'],
  // hotline
  ['归并入12345的热线', '55条'],
  ['12345受理群众诉求', '65.2万宗'],
  ['12345直接答复', '54.8万宗'],
  ['12345转派工单', '10.4万宗'],
  ['12345回复率', '100%'],
  ['12345办结率', '99.97%'],
  ['12345满意率', '99.85%'],
];

const PARTNERS: readonly (readonly [string, readonly string[]])[] = [
  ['签订跨省通办协议的城市', ['海口', '玉林', '钦州', '北海', '银川', '柳州']],
  ['建立跨域通办机制的城市', ['广州', '阳江', '茂名', '南宁', '梧州', '惠州']],
];
const DOMAINS = ['企业注册登记', '银行开户', '招投标', '中介超市'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The report's caller: the scopes its operation needs (per-system cloud allocations), no more. */
let reportToken: string;

function report(args: string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      TSX,
      [CLI, '--year', '2021', '--endpoint', inject('gatewayUrl'), ...args],
      {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GOVGRAPH_ENDPOINT: '', GOVGRAPH_TOKEN: reportToken },
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
          ms: performance.now() - started,
        }),
    );
  });
}

/** The key-figures table row of a label in the Markdown. */
function rowOf(markdown: string, label: string): string {
  const row = markdown.split('\n').find((line) => line.startsWith(`| ${label} |`));
  expect(row, label).toBeDefined();
  return row!;
}

let dir: string;
let markdown: Run;
let html: Run;
let docx: Run;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'govgraph-report-e2e-'));
  reportToken = await tokenWith(REPORT_SCOPES, { sub: 'annual-report' });
  // One after another, so each time is the format's own.
  markdown = await report([]);
  html = await report(['--format', 'html', '--out', path.join(dir, 'report.html')]);
  docx = await report(['--format', 'docx', '--out', path.join(dir, 'report.docx')]);
  console.log(
    `report generation (process start to exit): md ${(markdown.ms / 1000).toFixed(2)} s, html ${(html.ms / 1000).toFixed(2)} s, docx ${(docx.ms / 1000).toFixed(2)} s`,
  );
  console.log(`  html: ${html.stderr.trim()}\n  docx: ${docx.stderr.trim()}`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run report -- --year 2021 (Markdown to stdout)', () => {
  it('exits 0 with no warnings: every subgraph answered', () => {
    expect(markdown.stderr).toBe('');
    expect(markdown.code).toBe(0);
  });

  it('prints every figure of figures-2021.md in the report’s form, in the text and in its table row', () => {
    const [body] = markdown.stdout.split('## 主要数据一览');
    for (const [label, printed] of FIGURES_2021) {
      expect(rowOf(markdown.stdout, label), label).toBe(`| ${label} | ${printed} |`);
      expect(body, label).toContain(printed);
    }
  });

  it('names every partner city and the four 粤商通 domains', () => {
    for (const [label, cities] of PARTNERS) {
      const row = rowOf(markdown.stdout, label);
      for (const city of cities) expect(row, `${label}: ${city}`).toContain(city);
    }
    const domains = rowOf(markdown.stdout, '“粤商通”覆盖服务领域');
    for (const domain of DOMAINS) expect(domains).toContain(domain);
  });

  it('marks nothing as unavailable', () => {
    expect(markdown.stdout).not.toContain('数据暂缺');
  });
});

describe('--format html', () => {
  it('writes a self-contained page with the three SVG charts and no external URL', async () => {
    expect(html.code).toBe(0);
    const page = await readFile(path.join(dir, 'report.html'), 'utf8');
    expect(page.match(/<svg\b/g)).toHaveLength(3);
    for (const title of ['各县（市、区）政务服务事项数', '12345热线每月受理工单', '各部门政务云资源分配（VCPU）']) {
      expect(page).toContain(`aria-label="${title}"`);
    }
    expect(page).not.toMatch(/https?:\/\//);
    expect(page).not.toMatch(/<(script|link|img|iframe)\b/i);
    expect(page).not.toMatch(/\b(src|href)\s*=/i);
    expect(page).not.toContain('数据暂缺');
    for (const [label, printed] of FIGURES_2021) expect(page, label).toContain(printed);
  });
});

describe('--format docx', () => {
  it('writes a Word document whose word/document.xml holds every figure', async () => {
    expect(docx.code).toBe(0);
    const file = await readFile(path.join(dir, 'report.docx'));
    const xml = readZipEntry(file, 'word/document.xml')?.toString('utf8');
    expect(xml).toBeDefined();
    for (const [label, printed] of FIGURES_2021) expect(xml, label).toContain(`>${printed}<`);
    expect(xml).not.toContain('数据暂缺');
  });
});
