import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.test.ts'],
    server: {
      deps: {
        // graphql 16 has no "exports" map: Node loads its CommonJS build for an external package
        // while Vite hands our own files its .mjs build. Inlining GraphQL Inspector makes both use
        // the one instance, as they do under tsx (`npm run schema:check`).
        inline: ['@graphql-inspector/core'],
      },
    },
  },
});
