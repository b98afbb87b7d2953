/**
 * The life of a service process: start it, log where it listens, and on SIGINT/SIGTERM close it
 * once (server first, then its database) and exit. Every subgraph's main.ts is this one call, so
 * a Ctrl-C from `npm start` stops all of them the same way.
 */
export async function runUntilSignalled(
  name: string,
  start: (log: (message: string) => void) => Promise<{ url: string; close: () => Promise<void> }>,
): Promise<void> {
  const log = (message: string) => console.log(`[${name}] ${message}`);
  const service = await start(log);
  log(`ready at ${service.url}`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      service.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(`[${name}] failed to close cleanly`, error);
          process.exit(1);
        },
      );
    });
  }
}
