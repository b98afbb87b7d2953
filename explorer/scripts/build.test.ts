// The build itself, into a scratch directory: what it emits is what the gateway will serve, so
// nothing in it may point at a CDN and every file must carry its content hash.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplorerManifest } from '../src/manifest.js';
import { buildExplorer } from './build.js';
import { explorerInputsHash } from './inputs.js';

// Hosts the stock GraphiQL and Monaco setups load from; none is reachable on an intranet.
const CDN = /(esm\.sh|unpkg\.com|jsdelivr\.net|cdnjs|googleapis\.com|gstatic\.com|embeddable-sandbox|apollographql\.com)/;

let dir: string;
let manifest: ExplorerManifest;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'explorer-build-'));
  ({ manifest } = await buildExplorer(dir));
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('buildExplorer', () => {
  it('lists every emitted file in the manifest, each with a content hash in its name', async () => {
    const emitted = (await readdir(path.join(dir, 'assets'))).filter((f) => !f.endsWith('.gz')).sort();
    expect(Object.keys(manifest.files).sort()).toEqual(emitted);
    for (const name of emitted) expect(name).toMatch(/-[A-Z0-9]{8}\./);
    for (const name of [manifest.entry.js, manifest.entry.css, ...Object.values(manifest.workers)]) {
      expect(manifest.files[name], name).toBeDefined();
    }
    expect(manifest.inputsHash).toBe(await explorerInputsHash());
  });

  it('emits Monaco\'s workers and its icon font as files of their own', () => {
    expect(manifest.workers.graphql).toMatch(/^graphql\.worker-[A-Z0-9]{8}\.js$/);
    expect(manifest.workers.json).toMatch(/^json\.worker-[A-Z0-9]{8}\.js$/);
    expect(manifest.workers.editor).toMatch(/^editor\.worker-[A-Z0-9]{8}\.js$/);
    expect(Object.keys(manifest.files).some((f) => /^codicon-[A-Z0-9]{8}\.ttf$/.test(f))).toBe(true);
  });

  it('loads nothing from a CDN: no CDN host in the code, every CSS url() local or inline', async () => {
    for (const name of Object.keys(manifest.files).filter((f) => /\.(js|css)$/.test(f))) {
      const text = await readFile(path.join(dir, 'assets', name), 'utf8');
      expect(CDN.exec(text)?.[0], name).toBeUndefined();
      if (name.endsWith('.css')) {
        for (const [, url] of text.matchAll(/url\(\s*["']?([^"')]+)/g)) {
          const local = url!.startsWith('data:') || Object.hasOwn(manifest.files, url!.replace(/^\.\//, ''));
          expect(local, `${name}: url(${url})`).toBe(true);
        }
      }
    }
  });

  it('bundles the example operations into the page', async () => {
    const js = await readFile(path.join(dir, 'assets', manifest.entry.js), 'utf8');
    for (const operation of ['DepartmentScorecard', 'HotlineTrendByCounty', 'ServiceItemSearch', 'AnnualFigures']) {
      expect(js).toContain(`query ${operation}(`);
    }
  });
});
