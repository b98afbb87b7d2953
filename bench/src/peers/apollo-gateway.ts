// A stock @apollo/gateway as a team would first deploy it: ApolloServer over
// ApolloGateway({ supergraphSdl }) on the standalone server, default options throughout. The
// benchmark starts it as its own process, so its memory and CPU are its own.
// BENCH_SUPERGRAPH_FILE: the supergraph (the committed one, subgraph URLs pointed at the
// benchmark's processes); PORT: where to listen.
import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { peerSettings } from './settings.js';

const { supergraphSdl, port } = peerSettings();
const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: readFileSync(supergraphSdl, 'utf8') }) });
const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port } });
console.log(`stock Apollo Gateway ready at ${url}`);
