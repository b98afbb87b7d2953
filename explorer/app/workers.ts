// Monaco runs its language services in web workers. GraphiQL's stock setups load them from a CDN
// (esm.sh) or rely on a bundler plugin; ours are built by scripts/build.ts as separate hashed
// files, and their URLs come from the server-rendered config. Must run before Monaco loads.
import type { ExplorerConfig } from './config.js';

interface MonacoEnvironment {
  getWorker(workerId: string, label: string): Worker;
}

export function installMonacoWorkers(workers: ExplorerConfig['workers']): void {
  // Monaco reads `globalThis.MonacoEnvironment` (its d.ts declares it with `let`, which is not a
  // property of globalThis as far as TypeScript knows, hence the cast).
  (globalThis as { MonacoEnvironment?: MonacoEnvironment }).MonacoEnvironment = {
    getWorker(_workerId, label) {
      switch (label) {
        case 'json':
          return new Worker(workers.json, { name: 'json' });
        case 'graphql':
          return new Worker(workers.graphql, { name: 'graphql' });
        default:
          return new Worker(workers.editor, { name: label });
      }
    },
  };
}
