// Hive Gateway as its documentation shows it embedded in Node: createGatewayRuntime over the
// supergraph, default options, served by node:http. Started as its own process by the benchmark.
// BENCH_SUPERGRAPH_FILE and PORT as for the stock Apollo Gateway.
import { createServer, type RequestListener } from 'node:http';
import { readFileSync } from 'node:fs';
import { peerSettings } from './settings.js';

// Imported by a computed name so that TypeScript does not read Hive's type declarations: through
// graphql-yoga they widen graphql's GraphQLErrorExtensions for the whole program, which would
// retype GovGraph's own gateway code under the one shared tsconfig. The one call used is typed here.
const hivePackage = '@graphql-hive/gateway';
const { createGatewayRuntime } = (await import(hivePackage)) as {
  createGatewayRuntime: (config: { supergraph: string }) => RequestListener;
};

const { supergraphSdl, port } = peerSettings();
const gateway = createGatewayRuntime({ supergraph: readFileSync(supergraphSdl, 'utf8') });
const server = createServer(gateway);
server.listen(port, '127.0.0.1', () => console.log(`Hive Gateway ready at http://127.0.0.1:${port}/graphql`));
// The benchmark stops it with SIGTERM; close the server so the process ends on its own.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
