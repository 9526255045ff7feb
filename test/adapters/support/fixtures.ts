import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const FIXTURES = resolve(__dirname, '../../fixtures');

/** A saved page structure as its own document, e.g. `telegram-k/private-chat.html`. */
export function parseFixture(path: string): Document {
  return new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, path), 'utf8'), 'text/html');
}

/** Puts a saved page into the live test document, so observers, timers and the URL behave as in a tab. */
export function showFixture(path: string): void {
  const page = parseFixture(path).documentElement;
  document.replaceChild(document.importNode(page, true), document.documentElement);
}
