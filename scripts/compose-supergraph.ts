/**
 * Composes schema/supergraph.graphql from the subgraph SDLs in schema/ with @apollo/composition.
 *
 *   npm run compose            write the supergraph
 *   npm run compose -- --check fail when it does not compose or the committed file is stale
 *
 * Subgraph URLs in the supergraph are the local defaults; the gateway overrides them per subgraph
 * from the environment, so one committed file serves every deployment.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS } from '../packages/core/src/subgraph-registry.js';

const schemaDir = fileURLToPath(new URL('../schema/', import.meta.url));
const supergraphPath = `${schemaDir}supergraph.graphql`;

export function composeSupergraph(): string {
  const result = composeServices(
    SUBGRAPHS.map(({ name, port }) => ({
      name,
      url: `http://127.0.0.1:${port}/graphql`,
      typeDefs: parse(readFileSync(`${schemaDir}${name}.graphql`, 'utf8')),
    })),
  );
  if (result.errors) {
    throw new Error(
      `the subgraphs do not compose:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
  for (const hint of result.hints ?? []) {
    if (process.env.COMPOSE_HINTS) console.warn(`hint: ${hint.message}`);
  }
  return `${result.supergraphSdl.trimEnd()}\n`;
}

function main(): void {
  const check = process.argv.includes('--check');
  let composed: string;
  try {
    composed = composeSupergraph();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  if (check) {
    const committed = existsSync(supergraphPath) ? readFileSync(supergraphPath, 'utf8') : '';
    if (committed !== composed) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit it.');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql composes and is up to date.');
    return;
  }
  writeFileSync(supergraphPath, composed);
  console.log(`wrote ${supergraphPath.slice(schemaDir.length - 'schema/'.length)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
