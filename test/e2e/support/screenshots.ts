import { join } from 'node:path';
import { test } from '@playwright/test';

/** `npm run screenshots` writes these into docs/screenshots for the README; otherwise they go with the test results. */
export function screenshotPath(name: string): string {
  return join(process.env.SCREENSHOT_DIR ?? test.info().outputDir, name);
}
