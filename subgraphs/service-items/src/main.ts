import { runUntilSignalled } from '@govgraph/core';
import { startSubgraph } from './server.js';

await runUntilSignalled('service-items', (log) => startSubgraph({ log }));
