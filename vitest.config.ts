import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The local API's contract suites, run against both stores (SQLite, then in-memory). */
const CONTRACT_SUITES = [
  'server/test/completions.test.ts',
  'server/test/messages.test.ts',
  'server/test/mutations.test.ts',
  'server/test/reset.test.ts',
  'server/test/spec.test.ts',
  'server/test/sdk.test.ts',
  'server/test/jsonl.test.ts',
];

export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  test: {
    environment: 'node',
    // Contract tests start real servers; two cores are all we have.
    maxWorkers: 2,
    testTimeout: 20_000,
    // Servers started by tests keep their database in memory (never the user's file), and
    // share the demo template in .viewer-data/ (see server/db/import-demo.ts).
    env: { VIEWER_DB: ':memory:' },
    globalSetup: ['server/test/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.{ts,tsx}',
            'server/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'memory-store',
          include: CONTRACT_SUITES,
          env: { VIEWER_STORE: 'memory' },
        },
      },
    ],
  },
});
