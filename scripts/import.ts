#!/usr/bin/env -S npx tsx
/**
 * `npm run import -- <subgraph> --from <url|file> [--resource NAME] [--since T] [--format csv|ndjson] [--encoding utf8|gbk]`
 * See import-command.ts for the options and exit codes. Ctrl-C (or SIGTERM) stops the import at
 * its next batch boundary; a second one exits at once (the import still resumes next time).
 */
import { runImportCli } from './import-command.js';

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort(new Error(`stopped by ${signal}`));
  });
}

process.exitCode = await runImportCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: stop.signal,
});
