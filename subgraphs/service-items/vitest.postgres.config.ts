import { configDefaults, defineConfig } from 'vitest/config';

// The same tests on PostgreSQL (npm test runs both): each test database a fresh schema of a
// throwaway server (local-stack's postgres-test-setup). Left out: full-scale seeding, which the
// e2e run on PostgreSQL already does once.
export default defineConfig({
  test: {
    globalSetup: ['@govgraph/local-stack/postgres-test-setup'],
    exclude: [...configDefaults.exclude, 'src/store/seed.test.ts'],
  },
});
