import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from '../../../sandbox/chromium';
import { EXTENSION_DIR } from './extension';

export default function globalSetup(): void {
  ensureChromium();
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No built extension at ${EXTENSION_DIR}: run "npm run build" first (npm test does).`);
  }
}
