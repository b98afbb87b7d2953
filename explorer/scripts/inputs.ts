// What a build of the explorer depends on, as one hash: the page's sources, the build script, and
// the installed versions of the packages it bundles. `scripts/explorer-build.ts` at the root
// rebuilds when the hash in dist/manifest.json differs, so a pulled change is never served stale.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const BUNDLED = ['graphiql', '@graphiql/react', '@graphiql/plugin-explorer', 'react', 'react-dom', 'esbuild'];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !/\.test\.tsx?$/.test(file))
    .sort();
}

export async function explorerInputsHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = [
    ...(await filesUnder(path.join(packageDir, 'app'))),
    path.join(packageDir, 'scripts', 'build.ts'),
    path.join(packageDir, 'src', 'manifest.ts'),
    path.join(packageDir, 'tsconfig.json'),
    // The annual report example is the e2e suite's own operation (see app/examples.ts).
    path.join(packageDir, '..', 'test', 'operations', 'annual-figures.graphql'),
  ];
  for (const file of files) {
    hash.update(path.relative(packageDir, file)).update('\0').update(await readFile(file)).update('\0');
  }
  const require = createRequire(path.join(packageDir, 'package.json'));
  for (const name of BUNDLED) {
    const { version } = JSON.parse(await readFile(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
    hash.update(`${name}@${version}\0`);
  }
  return hash.digest('hex');
}
