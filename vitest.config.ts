import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/support/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          // One throwaway PostgreSQL cluster per run: the server's API suite runs on SQLite and on PostgreSQL.
          globalSetup: ['test/support/postgres-global-setup.ts'],
          // Real servers over real databases, often two engines per test: slower than the unit tests on a busy machine.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['test/components/**/*.test.{ts,tsx}', 'test/adapters/**/*.test.ts'],
          environment: 'jsdom',
        },
      },
    ],
  },
});
