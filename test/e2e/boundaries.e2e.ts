import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { badgeText } from '../../components/i18n/badge-text';
import { en } from '../../components/i18n/en';
import { ru } from '../../components/i18n/ru';
import { siteMatches } from '../../lib/adapters/site-matches';
import { EXTENSION_DIR } from './support/extension';

/**
 * What the built extension carries where: the background service worker holds secrets and the outbox, never the
 * chat sites' page knowledge (it needs only their match patterns, for its sender check). Read from the built files,
 * since only the bundler knows what an import drags in.
 */

const ADAPTERS_DIR = 'lib/adapters';
/** Shorter strings (`u`, `h3`) say nothing of whose they are; every site has longer selectors that would come along. */
const SHORTEST_TELLING = 4;

interface Manifest {
  background?: { service_worker?: string };
  content_scripts?: { matches?: string[]; js?: string[] }[];
}

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Manifest;
const built = (file: string) => readFileSync(join(EXTENSION_DIR, file), 'utf8');

const siteFolders = readdirSync(ADAPTERS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name);

/** The string literals of a site's selectors file (its selectors, theme classes, attributes), comments and imports left out. */
function selectorStrings(site: string): string[] {
  const code = readFileSync(join(ADAPTERS_DIR, site, 'selectors.ts'), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((line) => !/^\s*(import|\/\/)/.test(line))
    .join('\n');
  return [...code.matchAll(/'((?:[^'\\\n]|\\.)*)'/g)]
    .map((match) => match[1]!)
    .filter((text) => text.length >= SHORTEST_TELLING);
}

/** Whether the bundle holds the text as a string literal, in any of the quotes a minifier may choose. */
const holdsLiteral = (bundle: string, text: string) =>
  ['"', "'", '`'].some((quote) => bundle.includes(`${quote}${text}${quote}`));

test('the background bundle holds no site adapter’s selectors, while the content script does', () => {
  const background = built(manifest.background?.service_worker ?? 'background.js');
  const contentScript =
    manifest.content_scripts
      ?.flatMap((script) => script.js ?? [])
      .map(built)
      .join('\n') ?? '';
  for (const site of siteFolders) {
    const selectors = selectorStrings(site);
    expect(selectors.length, `${site} has selectors to look for`).toBeGreaterThan(0);
    expect(
      selectors.filter((selector) => holdsLiteral(background, selector)),
      `${site}'s selectors in the background`,
    ).toEqual([]);
    // The same search finds them where they belong: what it looks for is what the bundler writes.
    expect(selectors.filter((selector) => holdsLiteral(contentScript, selector))).toEqual(selectors);
  }
});

test('the background carries the toolbar button’s words in both languages, and not the panel’s tables', () => {
  const background = built(manifest.background?.service_worker ?? 'background.js');
  const badgeWords = new Set<string>([...Object.values(badgeText.en), ...Object.values(badgeText.ru)]);
  expect([...badgeWords].filter((text) => !holdsLiteral(background, text))).toEqual([]);
  // The Russian table's words are written nowhere else (English ones may also be a schema's message or a state name).
  const panelWords = (Object.entries(ru) as [keyof typeof en, string][])
    .filter(([id, text]) => !badgeWords.has(text) && text !== en[id])
    .map(([, text]) => text);
  expect(panelWords.length).toBeGreaterThan(100);
  expect(panelWords.filter((text) => holdsLiteral(background, text))).toEqual([]);
});

test('the built content script runs on exactly the pages each site folder declares, and its patterns name no selector', () => {
  const declared = Object.values(siteMatches).flat();
  const [script, ...others] = manifest.content_scripts ?? [];
  expect(others).toEqual([]);
  expect(new Set(script?.matches)).toEqual(new Set(declared));
  for (const site of Object.keys(siteMatches)) {
    expect(siteFolders).toContain(site);
    // The background imports these files: an import there could bring a site's page knowledge along.
    expect(readFileSync(join(ADAPTERS_DIR, site, 'matches.ts'), 'utf8')).not.toMatch(/^\s*import\b/m);
  }
});
