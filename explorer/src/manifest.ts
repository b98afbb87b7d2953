// The contract between scripts/build.ts (writes it) and serve.ts (reads it).

export const MANIFEST_FILE = 'manifest.json';

export interface ExplorerManifest {
  version: 1;
  /** Hash of everything the build read (scripts/inputs.ts): tells whether dist/ is stale. */
  inputsHash: string;
  /** What the HTML page links: names of files under `assets/`. */
  entry: { js: string; css: string };
  /** Monaco's workers, handed to the page through its config block. */
  workers: { editor: string; json: string; graphql: string };
  /** Every servable file under `assets/` (the .gz twins are listed on their original). */
  files: Record<string, { bytes: number; sha256: string; gzip?: string }>;
}

export function isExplorerManifest(value: unknown): value is ExplorerManifest {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<ExplorerManifest>;
  return (
    m.version === 1 &&
    typeof m.inputsHash === 'string' &&
    typeof m.entry?.js === 'string' &&
    typeof m.entry.css === 'string' &&
    typeof m.workers?.editor === 'string' &&
    typeof m.workers.json === 'string' &&
    typeof m.workers.graphql === 'string' &&
    typeof m.files === 'object' &&
    m.files !== null
  );
}
