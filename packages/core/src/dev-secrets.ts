// Secrets for running the graph on a developer's machine. `npm start` and `npm run token` share
// one HS256 secret for caller tokens, kept in `<data dir>/.dev-jwt-secret` (the data folder is
// gitignored) so tokens minted today still verify after a restart. Never used in production.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from './paths.js';

export function devJwtSecretFile(): string {
  return path.join(dataDir(), '.dev-jwt-secret');
}

/** Reads the development JWT secret, creating it (random, 256 bits) on first use. */
export function ensureDevJwtSecret(file = devJwtSecretFile()): string {
  if (existsSync(file)) {
    const existing = readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

/** A fresh random secret, e.g. the per-run gateway↔subgraph secret of `npm start`. */
export function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}
