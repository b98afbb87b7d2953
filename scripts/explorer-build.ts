/**
 * `npm run explorer:build`: builds the explorer (explorer/dist) when it is missing or was built
 * from other sources or package versions than the ones checked out and installed now; otherwise
 * does nothing in well under a second. `--force` always builds. Meant to run before `npm start`
 * and `npm test`, which serve the explorer from the gateway.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildExplorer, DEFAULT_OUT_DIR } from '../explorer/scripts/build.js';
import { explorerInputsHash } from '../explorer/scripts/inputs.js';
import { isExplorerManifest, MANIFEST_FILE } from '../explorer/src/manifest.js';

async function builtHash(): Promise<string | undefined> {
  try {
    const manifest: unknown = JSON.parse(await readFile(path.join(DEFAULT_OUT_DIR, MANIFEST_FILE), 'utf8'));
    return isExplorerManifest(manifest) ? manifest.inputsHash : undefined;
  } catch {
    return undefined;
  }
}

const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
const [current, built] = await Promise.all([explorerInputsHash(), builtHash()]);
if (!values.force && built === current) {
  console.log(`explorer is up to date in ${path.relative(process.cwd(), DEFAULT_OUT_DIR) || DEFAULT_OUT_DIR}`);
} else {
  console.log(built === undefined ? 'explorer not built yet: building' : values.force ? 'building the explorer' : 'explorer sources changed: rebuilding');
  const { manifest, ms, bytes } = await buildExplorer();
  console.log(
    `explorer built in ${(ms / 1000).toFixed(1)} s: ${Object.keys(manifest.files).length} assets, ${(bytes / 1024 / 1024).toFixed(2)} MiB`,
  );
}
