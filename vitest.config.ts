import { defineConfig } from 'vitest/config';

// Four projects, run separately by scripts/test.sh so each gets the environment it needs:
// unit (no I/O), integration on embedded PGlite, the same integration files on a Postgres
// server (TEST_DATABASE_URL), and browser end-to-end tests against the built web app.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
