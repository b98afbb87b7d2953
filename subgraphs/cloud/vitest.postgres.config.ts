import { configDefaults, defineConfig } from 'vitest/config';

// The same tests on PostgreSQL (npm test runs both): each test database a fresh schema of a
// throwaway server (local-stack's postgres-test-setup). Left out: full-scale seeding, which the
// e2e run on PostgreSQL already does once.
export default defineConfig({
  test: {
    globalSetup: ['@govgraph/local-stack/postgres-test-setup'],
    // One module graph per worker for all its files: the run takes half the time, and each test
    // still gets a database of its own.
    isolate: false,
    // A statement costs PostgreSQL a round trip and more planning than in-process SQLite: a test
    // that writes a thousand rows one statement each takes seconds, not one.
    testTimeout: 30_000,
    exclude: [...configDefaults.exclude, 'src/store/seed.test.ts'],
  },
});
