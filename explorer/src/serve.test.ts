import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplorerManifest } from './manifest.js';
import { ASSET_PREFIX, contentSecurityPolicy, createExplorerHandler, renderHtml } from './serve.js';

const JS = 'console.log("explorer");\n'.repeat(200);
const CSS = 'body { margin: 0 }\n';
const FONT = Buffer.from([0, 1, 0, 0, 0, 9, 8, 7]);

const sha = (content: string | Buffer) => createHash('sha256').update(content).digest('base64');

const manifest: ExplorerManifest = {
  version: 1,
  inputsHash: 'test',
  entry: { js: 'explorer-AAAA1111.js', css: 'explorer-BBBB2222.css' },
  workers: { editor: 'editor.worker-CCCC3333.js', json: 'json.worker-DDDD4444.js', graphql: 'graphql.worker-EEEE5555.js' },
  files: {
    'explorer-AAAA1111.js': { bytes: JS.length, sha256: sha(JS), gzip: 'explorer-AAAA1111.js.gz' },
    'explorer-BBBB2222.css': { bytes: CSS.length, sha256: sha(CSS) },
    'codicon-FFFF6666.ttf': { bytes: FONT.length, sha256: sha(FONT) },
    'editor.worker-CCCC3333.js': { bytes: 2, sha256: sha('//') },
    'json.worker-DDDD4444.js': { bytes: 2, sha256: sha('//') },
    'graphql.worker-EEEE5555.js': { bytes: 2, sha256: sha('//') },
  },
};

let root: string;
let distDir: string;
let server: http.Server;
let base: string;

async function writeDist(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'assets'), { recursive: true });
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(path.join(dir, 'assets', 'explorer-AAAA1111.js'), JS);
  await writeFile(path.join(dir, 'assets', 'explorer-AAAA1111.js.gz'), gzipSync(JS));
  await writeFile(path.join(dir, 'assets', 'explorer-BBBB2222.css'), CSS);
  await writeFile(path.join(dir, 'assets', 'codicon-FFFF6666.ttf'), FONT);
  for (const worker of Object.values(manifest.workers)) await writeFile(path.join(dir, 'assets', worker), '//');
  // On disk but not in the manifest: must never be served.
  await writeFile(path.join(dir, 'assets', 'stray-ZZZZ9999.js'), 'stray');
  await writeFile(path.join(dir, 'secret.txt'), 'secret');
}

/** Raw request: fetch() would normalise `..` and `%2e%2e` away before we ever saw them. */
function request(
  pathname: string,
  init: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = http.request(
      { host: url.hostname, port: url.port, path: pathname, method: init.method ?? 'GET', headers: init.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'explorer-serve-'));
  distDir = path.join(root, 'dist');
  await writeDist(distDir);
  const handler = createExplorerHandler({ graphqlPath: '/graphql', title: 'Test <Explorer>', distDir });
  server = http.createServer((req, res) => {
    handler(req, res).then(
      (handled) => {
        if (!handled) {
          res.statusCode = 418;
          res.end('not the explorer');
        }
      },
      (error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

describe('the page', () => {
  it('is served at / to a browser, never cached without revalidation, with a strict CSP', async () => {
    const res = await request('/', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
    const html = res.body.toString();
    expect(html).toContain(`<script type="module" src="${ASSET_PREFIX}explorer-AAAA1111.js" integrity="sha256-${sha(JS)}">`);
    expect(html).toContain(`<link rel="stylesheet" href="${ASSET_PREFIX}explorer-BBBB2222.css"`);
    expect(html).toContain('<title>Test &#60;Explorer&#62;</title>');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('passes the GraphQL path and worker URLs in a JSON block, not in an inline script', async () => {
    const html = (await request('/', { headers: { accept: 'text/html' } })).body.toString();
    const json = /<script type="application\/json" id="govgraph-explorer-config">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(json!)).toEqual({
      graphqlPath: '/graphql',
      title: 'Test <Explorer>',
      workers: {
        editor: `${ASSET_PREFIX}editor.worker-CCCC3333.js`,
        json: `${ASSET_PREFIX}json.worker-DDDD4444.js`,
        graphql: `${ASSET_PREFIX}graphql.worker-EEEE5555.js`,
      },
    });
    // `<` is escaped inside the JSON, so a title cannot close the script element.
    expect(json).not.toContain('<');
  });

  it('is not served to API clients, to POSTs or at other paths', async () => {
    expect((await request('/', { headers: { accept: 'application/json' } })).status).toBe(418);
    expect((await request('/', { method: 'POST', headers: { accept: 'text/html' } })).status).toBe(418);
    expect((await request('/graphql', { headers: { accept: 'text/html' } })).status).toBe(418);
    expect((await request('/health')).status).toBe(418);
    expect((await request('/explorer', { headers: { accept: 'text/html' } })).status).toBe(418);
  });

  it('answers 503 with the build command while the explorer is not built', async () => {
    const handler = createExplorerHandler({ graphqlPath: '/graphql', distDir: path.join(root, 'missing') });
    const res = {
      statusCode: 0,
      headers: {} as Record<string, unknown>,
      body: '',
      setHeader(name: string, value: unknown) {
        this.headers[name] = value;
      },
      end(body?: string) {
        this.body = body ?? '';
      },
    };
    const handled = await handler(
      { method: 'GET', url: '/', headers: { accept: 'text/html' } } as unknown as http.IncomingMessage,
      res as unknown as http.ServerResponse,
    );
    expect(handled).toBe(true);
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run explorer:build');
  });

  it('picks up a rebuild without a restart', async () => {
    const dir = path.join(root, 'rebuilt');
    await writeDist(dir);
    const handler = createExplorerHandler({ graphqlPath: '/graphql', distDir: dir });
    const render = async () => {
      let body = '';
      const res = { statusCode: 0, setHeader() {}, end: (b?: Buffer) => (body = String(b ?? '')) };
      await handler(
        { method: 'GET', url: '/', headers: { accept: 'text/html' } } as unknown as http.IncomingMessage,
        res as unknown as http.ServerResponse,
      );
      return body;
    };
    expect(await render()).toContain('explorer-AAAA1111.js');
    const next = { ...manifest, entry: { ...manifest.entry, js: 'explorer-NEWW0000.js' } };
    await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(next));
    const later = new Date(Date.now() + 5_000);
    await utimes(path.join(dir, 'manifest.json'), later, later);
    expect(await render()).toContain('explorer-NEWW0000.js');
  });
});

describe('the assets', () => {
  it('are served with their content type and an immutable, year-long cache', async () => {
    const cases: [string, string, string | Buffer][] = [
      ['explorer-AAAA1111.js', 'text/javascript; charset=utf-8', JS],
      ['explorer-BBBB2222.css', 'text/css; charset=utf-8', CSS],
      ['codicon-FFFF6666.ttf', 'font/ttf', FONT],
      ['graphql.worker-EEEE5555.js', 'text/javascript; charset=utf-8', '//'],
    ];
    for (const [name, type, content] of cases) {
      const res = await request(`${ASSET_PREFIX}${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers['content-type'], name).toBe(type);
      expect(res.headers['cache-control'], name).toBe('public, max-age=31536000, immutable');
      expect(res.headers['x-content-type-options'], name).toBe('nosniff');
      expect(res.body.equals(Buffer.from(content)), name).toBe(true);
    }
  });

  it('are sent gzipped to clients that accept it', async () => {
    const plain = await request(`${ASSET_PREFIX}explorer-AAAA1111.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const zipped = await request(`${ASSET_PREFIX}explorer-AAAA1111.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(JS.length);
    const refused = await request(`${ASSET_PREFIX}explorer-AAAA1111.js`, { headers: { 'accept-encoding': 'gzip;q=0' } });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('answer HEAD without a body and a matching If-None-Match with 304', async () => {
    const head = await request(`${ASSET_PREFIX}explorer-BBBB2222.css`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(CSS.length));
    expect(head.body.length).toBe(0);
    const etag = head.headers.etag!;
    const again = await request(`${ASSET_PREFIX}explorer-BBBB2222.css`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('are 404 when unknown, even when the file exists on disk', async () => {
    for (const name of ['nope-12345678.js', 'stray-ZZZZ9999.js', '', 'manifest.json', 'explorer-AAAA1111.js.map']) {
      expect((await request(`${ASSET_PREFIX}${name}`)).status, name).toBe(404);
    }
  });

  it('cannot be used to reach files outside the build', async () => {
    const attempts = [
      '../manifest.json',
      '../secret.txt',
      '..%2fsecret.txt',
      '%2e%2e/secret.txt',
      '%2e%2e%2fsecret.txt',
      '..%5csecret.txt',
      '....//secret.txt',
      '/etc/passwd',
      '%2fetc%2fpasswd',
      'explorer-AAAA1111.js%00.txt',
      'explorer-AAAA1111.js/../../secret.txt',
      `..${path.sep}..${path.sep}package.json`,
    ];
    for (const attempt of attempts) {
      const res = await request(`${ASSET_PREFIX}${attempt}`);
      expect(res.status, attempt).not.toBe(200);
      expect(res.body.toString(), attempt).not.toContain('secret');
    }
  });

  it('refuse other methods', async () => {
    const res = await request(`${ASSET_PREFIX}explorer-BBBB2222.css`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});

describe('contentSecurityPolicy', () => {
  it('allows a cross-origin GraphQL endpoint only when the path is an absolute URL', () => {
    expect(contentSecurityPolicy('/graphql')).toContain("connect-src 'self';");
    expect(contentSecurityPolicy('https://graph.example.gov.cn/graphql')).toContain(
      "connect-src 'self' https://graph.example.gov.cn;",
    );
  });
});

describe('renderHtml', () => {
  it('links only same-origin assets (and an empty inline icon, so no /favicon.ico request)', () => {
    const html = renderHtml(manifest, { graphqlPath: '/graphql', title: 'GovGraph' });
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map(([, url]) => url!);
    expect(urls).toContain('data:,');
    for (const url of urls.filter((u) => u !== 'data:,')) expect(url.startsWith(ASSET_PREFIX), url).toBe(true);
  });
});
