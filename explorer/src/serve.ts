/**
 * Serves the built explorer (see scripts/build.ts) from the gateway's own origin: the HTML page at
 * `/` for browsers, and the hashed assets under `/explorer/assets/`. Node only, no React: the
 * gateway imports this, never the page's code.
 *
 * Only files listed in `dist/manifest.json` are ever read, looked up by exact name, so no request
 * path can reach any other file (no `..`, no percent-encoding tricks, no symlinks followed out).
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isExplorerManifest, MANIFEST_FILE, type ExplorerManifest } from './manifest.js';

export const ASSET_PREFIX = '/explorer/assets/';
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../dist', import.meta.url));
export const DEFAULT_TITLE = 'GovGraph Explorer';

export interface ExplorerHandlerOptions {
  /** Where the page sends operations, e.g. `/graphql` (same origin as the page). */
  graphqlPath: string;
  /** Page title and the logo text in the top-left corner. */
  title?: string;
  /** The build output. Default: this package's `dist/`. */
  distDir?: string;
}

/** Resolves true when it answered the request, false when the request is not the explorer's. */
export type ExplorerHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

// Hashed names never change content, so browsers and proxies may keep them for a year untouched.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// A manifest file name: letters, digits, dot, dash, underscore. Anything else is not ours.
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * The page may load only from its own origin; Monaco sets inline styles, so style-src allows
 * them, but no inline or remote script can run.
 */
export function contentSecurityPolicy(graphqlPath: string): string {
  let connect = "'self'";
  if (/^https?:\/\//i.test(graphqlPath)) connect += ` ${new URL(graphqlPath).origin}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "worker-src 'self'",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that is safe inside a <script> element: no `</script>`, no `<!--`. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function renderHtml(manifest: ExplorerManifest, options: { graphqlPath: string; title: string }): string {
  const asset = (name: string) => `${ASSET_PREFIX}${name}`;
  const sri = (name: string) => {
    const file = manifest.files[name];
    return file ? ` integrity="sha256-${file.sha256}"` : '';
  };
  const config = {
    graphqlPath: options.graphqlPath,
    title: options.title,
    workers: {
      editor: asset(manifest.workers.editor),
      json: asset(manifest.workers.json),
      graphql: asset(manifest.workers.graphql),
    },
  };
  const title = escapeHtml(options.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${title}</title>
<link rel="stylesheet" href="${asset(manifest.entry.css)}"${sri(manifest.entry.css)}>
<script type="module" src="${asset(manifest.entry.js)}"${sri(manifest.entry.js)}></script>
</head>
<body>
<noscript>${title} needs JavaScript.</noscript>
<div id="root"></div>
<script type="application/json" id="govgraph-explorer-config">${scriptSafeJson(config)}</script>
</body>
</html>
`;
}

function acceptsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('text/html');
}

function acceptsGzip(req: IncomingMessage): boolean {
  const value = req.headers['accept-encoding'];
  const header = (Array.isArray(value) ? value.join(',') : value ?? '').toLowerCase();
  return header
    .split(',')
    .map((part) => part.trim().split(';').map((s) => s.trim()))
    .some(([coding, ...params]) => coding === 'gzip' && !params.includes('q=0') && !params.includes('q=0.0'));
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(text);
}

function send(req: IncomingMessage, res: ServerResponse, body: Buffer, headers: Record<string, string>): void {
  res.statusCode = 200;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('content-length', body.length);
  res.setHeader('x-content-type-options', 'nosniff');
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

interface LoadedDist {
  manifest: ExplorerManifest;
  html: string;
  files: Map<string, Promise<Buffer>>;
}

export function createExplorerHandler(options: ExplorerHandlerOptions): ExplorerHandler {
  const distDir = path.resolve(options.distDir ?? DEFAULT_DIST_DIR);
  const assetsDir = path.join(distDir, 'assets');
  const title = options.title ?? DEFAULT_TITLE;
  const csp = contentSecurityPolicy(options.graphqlPath);

  // Loaded on first use and kept; the page request checks the manifest's mtime, so a gateway that
  // started before `explorer:build` finished, or outlived a rebuild, serves the new build on the
  // next page load without a restart.
  let loaded: { mtimeMs: number; dist: Promise<LoadedDist> } | undefined;
  async function load(recheck: boolean): Promise<LoadedDist> {
    const manifestPath = path.join(distDir, MANIFEST_FILE);
    if (loaded && !recheck) return loaded.dist;
    const { mtimeMs } = await stat(manifestPath);
    if (loaded && loaded.mtimeMs === mtimeMs) return loaded.dist;
    const dist = (async (): Promise<LoadedDist> => {
      const manifest: unknown = JSON.parse(await readFile(manifestPath, 'utf8'));
      if (!isExplorerManifest(manifest)) throw new Error(`${manifestPath} is not an explorer manifest`);
      return { manifest, html: renderHtml(manifest, { graphqlPath: options.graphqlPath, title }), files: new Map() };
    })();
    const current = { mtimeMs, dist };
    loaded = current;
    dist.catch(() => {
      if (loaded === current) loaded = undefined;
    });
    return dist;
  }

  function fileContent(dist: LoadedDist, name: string): Promise<Buffer> {
    let content = dist.files.get(name);
    if (!content) {
      // `name` is a key of the manifest checked against SAFE_NAME, so this stays in assetsDir.
      content = readFile(path.join(assetsDir, name));
      dist.files.set(name, content);
      content.catch(() => dist.files.delete(name));
    }
    return content;
  }

  async function servePage(res: ServerResponse, req: IncomingMessage): Promise<void> {
    let dist: LoadedDist;
    try {
      dist = await load(true);
    } catch {
      sendText(
        res,
        503,
        'The explorer is not built on this server. Run `npm run explorer:build` (or `npm run build -w @govgraph/explorer`) and reload.\n',
        { 'retry-after': '10' },
      );
      return;
    }
    send(req, res, Buffer.from(dist.html, 'utf8'), {
      'content-type': 'text/html; charset=utf-8',
      // Revalidated on every load, so a new build's hashed asset names are picked up at once.
      'cache-control': 'no-cache',
      'content-security-policy': csp,
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
  }

  async function serveAsset(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    let dist: LoadedDist;
    try {
      dist = await load(false);
    } catch {
      sendText(res, 404, 'Not found\n');
      return;
    }
    const entry = SAFE_NAME.test(name) && Object.hasOwn(dist.manifest.files, name) ? dist.manifest.files[name] : undefined;
    if (!entry) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    const etag = `"${entry.sha256}"`;
    const headers: Record<string, string> = {
      'content-type': CONTENT_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': IMMUTABLE,
      etag,
      vary: 'accept-encoding',
      // The workers and the page are same-origin; nothing else should embed these.
      'cross-origin-resource-policy': 'same-origin',
    };
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      for (const [key, value] of Object.entries(headers)) if (key !== 'content-type') res.setHeader(key, value);
      res.end();
      return;
    }
    const gzipName = entry.gzip !== undefined && SAFE_NAME.test(entry.gzip) && acceptsGzip(req) ? entry.gzip : undefined;
    let body: Buffer;
    try {
      body = await fileContent(dist, gzipName ?? name);
    } catch {
      // Listed but gone: the build was replaced under a running server. The page's next load
      // picks up the new manifest.
      sendText(res, 404, 'Not found\n');
      return;
    }
    if (gzipName) headers['content-encoding'] = 'gzip';
    send(req, res, body, headers);
  }

  return async (req, res) => {
    const method = req.method ?? 'GET';
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return false;
    }
    if (pathname === '/' && (method === 'GET' || method === 'HEAD') && acceptsHtml(req)) {
      await servePage(res, req);
      return true;
    }
    if (pathname.startsWith(ASSET_PREFIX)) {
      await serveAsset(req, res, pathname.slice(ASSET_PREFIX.length));
      return true;
    }
    return false;
  };
}
