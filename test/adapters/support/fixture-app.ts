import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { showFixture } from './fixtures';

/**
 * Runs an interactive fixture app (its index.html and app.js) in the test's document, e.g. `telegram-k/app`.
 * Its script is run once per test file: it keeps listeners on the window, like the real app.
 */
export function startFixtureApp(folder: string, path = '/k/'): void {
  history.replaceState(null, '', path);
  showFixture(`${folder}/index.html`);
  const script = document.createElement('script');
  script.textContent = readFileSync(resolve(__dirname, '../../fixtures', folder, 'app.js'), 'utf8');
  document.body.append(script);
}
