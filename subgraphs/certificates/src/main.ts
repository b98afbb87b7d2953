import { runUntilSignalled } from '@govgraph/core';
import { startSubgraph } from './server.js';

await runUntilSignalled('certificates', (log) => startSubgraph({ log }));
