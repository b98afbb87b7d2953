import { e2eConfig } from './harness/e2e-config.js';

// The graph on its embedded SQLite default. The PostgreSQL run (vitest.postgres.config.ts) has
// its own files under postgres/ and runs after this one.
export default e2eConfig({ include: ['**/*.e2e.ts'], exclude: ['postgres/**'], globalSetup: './global-setup.ts' });
