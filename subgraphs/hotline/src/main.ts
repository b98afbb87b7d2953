import { runUntilSignalled } from '@govgraph/core';
import { startSubgraph } from './server.js';

await runUntilSignalled('hotline', (log) => startSubgraph({ log }));
