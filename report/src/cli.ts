#!/usr/bin/env -S npx tsx
/**
 * `npm run report -- --year 2021 [--format md|html|docx] [--out FILE] [--endpoint URL] [--token TOKEN]`
 * The annual work report from one query of the graph; see main.ts for the options and exit codes.
 */
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
