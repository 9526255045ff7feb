import { defineConfig } from '@playwright/test';

/** End-to-end tests drive the built extension (.output/chrome-mv3) in Debian's Chromium; see test/e2e/support. */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
  globalSetup: './test/e2e/support/global-setup.ts',
});
