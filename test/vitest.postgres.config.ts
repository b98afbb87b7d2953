import { e2eConfig } from './harness/e2e-config.js';

/**
 * The same graph on PostgreSQL: a throwaway server, the four subgraphs in one database (a schema
 * each, through GOVGRAPH_DATABASE_URL), seeded by the real seeding code at full scale. The
 * figure and scorecard suites run unchanged against it (they ask the gateway the setup
 * provides), and postgres/ holds what only makes sense there: every scenario answered the same
 * as on SQLite, and the importers writing into PostgreSQL.
 */
export default e2eConfig({
  include: ['figures-2021.e2e.ts', 'cross-domain.e2e.ts', 'postgres/*.e2e.ts'],
  globalSetup: './postgres/global-setup.ts',
});
