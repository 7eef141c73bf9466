import { defineConfig } from 'vitest/config';

// Native addons (better-sqlite3, onnxruntime-node) are only safe in forked
// processes, so every project runs in the `forks` pool.
export default defineConfig({
  test: {
    pool: 'forks',
    // Tests read what they need from results, not from log lines; set
    // HOMELANE_LOG_LEVEL=debug to see the logs while debugging one.
    env: { HOMELANE_LOG_LEVEL: process.env['HOMELANE_LOG_LEVEL'] ?? 'silent' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
