import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the "sara-source" condition, so
// tests run against the code as written, without a build in between.
const conditions = ['sara-source', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: [
      'apps/*/src/**/*.test.ts',
      'apps/*/web/src/**/*.test.tsx',
      'packages/*/src/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'infra/**/*.test.ts',
    ],
    globalSetup: ['./test/global-setup.ts'],
    // Integration tests share one Postgres database and one Redis: run files one at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
