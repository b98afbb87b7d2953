import { startSubgraph } from './server.js';

const log = (message: string) => console.log(`[certificates] ${message}`);
const subgraph = await startSubgraph({ log });
log(`ready at ${subgraph.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    subgraph.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[certificates] failed to close cleanly', error);
        process.exit(1);
      },
    );
  });
}
