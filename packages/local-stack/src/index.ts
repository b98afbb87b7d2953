export { freePort } from './ports.js';
export { startProcess, stopAllProcesses, waitForOk, type ServiceProcess, type StartProcessOptions } from './processes.js';
export { startSubgraphProcesses, type RunningSubgraphs, type StartSubgraphsOptions } from './subgraphs.js';
export { postgresBinDir, startPostgres, type RunningPostgres, type StartPostgresOptions } from './postgres.js';
