// The explorer as a person meets it: Debian's Chromium opens the gateway's `/` with every request
// that would leave 127.0.0.1 blocked (as on a government intranet with no way out), runs the
// cross-domain example by clicking the run button, and reads a figure in the result pane.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPORT_SCOPES, tokenWith } from './harness/tokens.js';
import { postGraphQL } from './harness/graphql.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const OPERATIONS = new URL('../explorer/app/operations/', import.meta.url);

// As the machine notes prescribe: without the background-networking switches Chromium keeps
// trying to reach Google's hosts, which this machine's closed network refuses.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Scorecard {
  departments: {
    totalCount: number;
    edges: { node: { name: string; certificatesIssued: number; hotlineStatistics: { received: number } } }[];
  };
}

const gatewayUrl = inject('gatewayUrl');
const origin = new URL(gatewayUrl).origin;

function isOnThisMachine(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return (protocol === 'http:' || protocol === 'https:') && hostname === '127.0.0.1';
}

/** The result pane is a Monaco editor: its text uses non-breaking spaces. */
async function resultText(page: Page): Promise<string> {
  return (await page.locator('.graphiql-response').innerText()).replace(/\u00a0/g, ' ');
}

describe('the explorer at the gateway', () => {
  let userDataDir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (installs Debian's chromium)`);
    }
    userDataDir = await mkdtemp(path.join(tmpdir(), 'govgraph-explorer-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1600, height: 1000 },
      locale: 'zh-CN',
    });
  });

  afterAll(async () => {
    await context?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it('runs the cross-domain scorecard offline and shows its figures in the result pane', async () => {
    const query = await readFile(new URL('department-scorecard.graphql', OPERATIONS), 'utf8');
    const variables = JSON.parse(await readFile(new URL('department-scorecard.variables.json', OPERATIONS), 'utf8'));
    // The scorecard's per-system cloud fields need cloud:read: the page's GraphQL requests carry
    // a token, as they do once a user has pasted one into the headers editor.
    const token = await tokenWith(REPORT_SCOPES, { sub: 'explorer-e2e' });
    const expected = await postGraphQL<Scorecard>(gatewayUrl, query, variables, { authorization: `Bearer ${token}` });
    expect(expected.body.errors).toBeUndefined();
    const first = expected.body.data!.departments.edges[0]!.node;

    const page = context.pages()[0] ?? (await context.newPage());
    const seen: string[] = [];
    const leftTheMachine: string[] = [];
    const failed: string[] = [];
    const pageErrors: string[] = [];
    // Every request the page or its workers make, allowed or not.
    context.on('request', (request) => seen.push(request.url()));
    context.on('requestfailed', (request) => failed.push(`${request.url()}: ${request.failure()?.errorText}`));
    context.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.url()}: HTTP ${response.status()}`);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.route('**/*', async (route) => {
      const url = route.request().url();
      if (isOnThisMachine(url)) {
        const request = route.request();
        const isGraphQL = request.method() === 'POST' && new URL(url).pathname === '/graphql';
        await route.continue(isGraphQL ? { headers: { ...request.headers(), authorization: `Bearer ${token}` } } : {});
      } else {
        leftTheMachine.push(url);
        await route.abort('blockedbyclient');
      }
    });

    const landing = await page.goto(`${origin}/`, { waitUntil: 'load' });
    expect(landing?.status()).toBe(200);
    expect(landing?.headers()['content-type']).toContain('text/html');

    // The example tabs, the headers editor with the bearer placeholder, and the docs pane.
    for (const title of ['DepartmentScorecard', 'HotlineTrendByCounty', 'ServiceItemSearch', 'AnnualFigures']) {
      await expect.poll(() => page.getByText(title, { exact: true }).count(), { timeout: 30_000 }).toBeGreaterThan(0);
    }
    await expect.poll(() => page.locator('.graphiql-editor-tool').innerText(), { timeout: 30_000 }).toContain('Bearer');
    // The docs pane fills in once the schema has been introspected.
    await expect.poll(() => page.getByText('Root Types').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: /^Execute query/ }).click();
    const figure = `"certificatesIssued": ${first.certificatesIssued}`;
    await expect.poll(() => resultText(page), { timeout: 60_000 }).toContain(figure);
    const shown = await resultText(page);
    expect(shown).toContain(`"totalCount": ${expected.body.data!.departments.totalCount}`);
    expect(shown).toContain(`"name": "${first.name}"`);

    await mkdir(ARTIFACTS, { recursive: true });
    const screenshot = path.join(ARTIFACTS, 'explorer-department-scorecard.png');
    await page.screenshot({ path: screenshot });
    console.log(`explorer screenshot: ${screenshot}`);

    expect(leftTheMachine).toEqual([]);
    expect(failed).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(seen.every(isOnThisMachine)).toBe(true);
    // What the page ran on came from the gateway itself: its bundle, stylesheet and Monaco workers.
    const assets = seen.filter((url) => url.startsWith(`${origin}/explorer/assets/`));
    expect(assets.some((url) => /\/explorer-[A-Z0-9]{8}\.js$/.test(url))).toBe(true);
    expect(assets.some((url) => /\/explorer-[A-Z0-9]{8}\.css$/.test(url))).toBe(true);
    expect(assets.some((url) => /\/graphql\.worker-[A-Z0-9]{8}\.js$/.test(url))).toBe(true);
  });

  it('serves the hashed assets as immutable and the page as no-cache', async () => {
    const page = await fetch(`${origin}/`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /<script type="module" src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/explorer\/assets\/explorer-[A-Z0-9]{8}\.js$/);
    const asset = await fetch(`${origin}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${origin}/explorer/assets/nope-00000000.js`)).status).toBe(404);
    // An API client asking for JSON at `/` gets no HTML page.
    const api = await fetch(`${origin}/`, { headers: { accept: 'application/json' } });
    expect(api.headers.get('content-type') ?? '').not.toContain('text/html');
  });
});
