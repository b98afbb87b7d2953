/**
 * `npm run build -w @govgraph/explorer`: bundles the explorer page into `explorer/dist/` with
 * esbuild. Every file the page loads (JS, CSS, fonts, Monaco's web workers) is emitted under
 * `dist/assets/` with a content hash in its name, plus a `.gz` twin for the larger ones;
 * `dist/manifest.json` tells `src/serve.ts` which files exist and which the HTML references.
 *
 * esbuild rather than Vite: it is already in the tree (tsx uses it), needs no React plugin, and
 * bundles Monaco in seconds. Workers are built as separate classic-script bundles because Monaco
 * creates them itself (see app/workers.ts).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { MANIFEST_FILE, type ExplorerManifest } from '../src/manifest.js';
import { explorerInputsHash } from './inputs.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_OUT_DIR = path.join(packageDir, 'dist');

// Files smaller than this are not worth a compressed twin.
const GZIP_MIN_BYTES = 1024;
const COMPRESSIBLE = /\.(js|css|svg|json|txt|ttf)$/;

// Monaco and monaco-graphql are dependencies of @graphiql/react, not of this package: resolve the
// worker entry points from there so the build follows the versions GraphiQL was released with.
const graphiqlReact = createRequire(createRequire(import.meta.url).resolve('@graphiql/react/package.json'));
const workerEntries = {
  'editor.worker': graphiqlReact.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
  'json.worker': graphiqlReact.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
  'graphql.worker': graphiqlReact.resolve('monaco-graphql/esm/graphql.worker'),
};

const common: BuildOptions = {
  bundle: true,
  minify: true,
  target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  // Licence texts go to a hashed .LEGAL.txt beside each bundle instead of bloating it.
  legalComments: 'external',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  absWorkingDir: packageDir,
};

function outputName(outputPath: string): string {
  return path.basename(outputPath);
}

/** The output built from `entry` (a key of entryPoints), by its metafile record. */
function outputFor(metafile: Metafile, entryName: string, ext: '.js' | '.css'): string {
  const found = Object.keys(metafile.outputs).find(
    (file) => path.basename(file).startsWith(`${entryName}-`) && file.endsWith(ext) && !file.endsWith('.LEGAL.txt'),
  );
  if (!found) throw new Error(`esbuild produced no ${ext} output for ${entryName}`);
  return outputName(found);
}

export interface BuildResult {
  manifest: ExplorerManifest;
  distDir: string;
  ms: number;
  bytes: number;
  gzipBytes: number;
}

export async function buildExplorer(distDir: string = DEFAULT_OUT_DIR): Promise<BuildResult> {
  const started = performance.now();
  const assetsDir = path.join(distDir, 'assets');
  // Only what this script writes is removed, whatever directory it was pointed at.
  await rm(path.join(distDir, MANIFEST_FILE), { force: true });
  await rm(assetsDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });

  const [inputsHash, page, workers] = await Promise.all([
    explorerInputsHash(),
    build({
      ...common,
      outdir: assetsDir,
      entryPoints: { explorer: 'app/main.tsx' },
      format: 'esm',
      jsx: 'automatic',
      tsconfig: 'tsconfig.json',
      loader: {
        '.graphql': 'text',
        '.ttf': 'file',
        '.woff': 'file',
        '.woff2': 'file',
        '.svg': 'file',
        '.png': 'file',
      },
    }),
    build({ ...common, outdir: assetsDir, entryPoints: workerEntries, format: 'iife' }),
  ]);

  const manifest: ExplorerManifest = {
    version: 1,
    inputsHash,
    entry: {
      js: outputFor(page.metafile!, 'explorer', '.js'),
      css: outputFor(page.metafile!, 'explorer', '.css'),
    },
    workers: {
      editor: outputFor(workers.metafile!, 'editor.worker', '.js'),
      json: outputFor(workers.metafile!, 'json.worker', '.js'),
      graphql: outputFor(workers.metafile!, 'graphql.worker', '.js'),
    },
    files: {},
  };

  let bytes = 0;
  let gzipBytes = 0;
  for (const name of (await readdir(assetsDir)).sort()) {
    const content = await readFile(path.join(assetsDir, name));
    bytes += content.length;
    let gzip: string | undefined;
    if (content.length >= GZIP_MIN_BYTES && COMPRESSIBLE.test(name)) {
      const compressed = gzipSync(content, { level: 9 });
      if (compressed.length < content.length * 0.9) {
        gzip = `${name}.gz`;
        await writeFile(path.join(assetsDir, gzip), compressed);
        gzipBytes += compressed.length;
      }
    }
    // Every served name must carry a content hash, so that "immutable" is true. esbuild's hash
    // covers the content; the .LEGAL.txt files are named after their (hashed) bundle.
    if (!/-[A-Z0-9]{8}\./.test(name)) throw new Error(`${name} has no content hash in its name`);
    manifest.files[name] = {
      bytes: content.length,
      sha256: createHash('sha256').update(content).digest('base64'),
      ...(gzip ? { gzip } : {}),
    };
  }
  // Written last: a manifest on disk means every file it lists is there.
  await writeFile(path.join(distDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, distDir, ms: performance.now() - started, bytes, gzipBytes };
}

/** True when this module is the process entry (not when imported by a test). */
function isMain(): boolean {
  const argv1 = process.argv[1];
  return argv1 !== undefined && path.resolve(argv1) === fileURLToPath(import.meta.url);
}

if (isMain()) {
  buildExplorer(process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT_DIR).then(
    ({ manifest, distDir, ms, bytes, gzipBytes }) => {
      const files = Object.keys(manifest.files).length;
      const mib = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
      console.log(
        `explorer built in ${(ms / 1000).toFixed(1)} s: ${files} assets, ${mib(bytes)} (+ ${mib(gzipBytes)} of .gz twins) in ${distDir}`,
      );
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
