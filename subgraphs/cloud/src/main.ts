import { runUntilSignalled } from '@govgraph/core';
import { startSubgraph } from './server.js';

await runUntilSignalled('cloud', (log) => startSubgraph({ log }));
