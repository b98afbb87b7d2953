import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, found from this file rather than the working directory. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Where the embedded SQLite files live: GOVGRAPH_DATA_DIR, else `<repo>/data`. */
export function dataDir(): string {
  return process.env.GOVGRAPH_DATA_DIR
    ? path.resolve(process.env.GOVGRAPH_DATA_DIR)
    : path.join(REPO_ROOT, 'data');
}

export function schemaFile(name: string): string {
  return path.join(REPO_ROOT, 'schema', `${name}.graphql`);
}
