import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import contentScript from '../../../entrypoints/content/index';
import { siteAdapters } from '../../../lib/adapters/registry';

/** Adding a site means: an adapter folder with its selectors, a registry line, manifest matches, fixtures and tests. */

const ADAPTERS_DIR = 'lib/adapters';
const NOT_SITES = new Set(['shared']);

const adapterFolders = readdirSync(ADAPTERS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !NOT_SITES.has(entry.name))
  .map((entry) => entry.name);

const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

describe('every site the extension supports', () => {
  it('has a registry entry for every adapter folder, and a folder for every entry', () => {
    expect(siteAdapters.map((adapter) => adapter.id).sort()).toEqual([...adapterFolders].sort());
  });

  describe.each(siteAdapters.map((adapter) => [adapter.id, adapter] as const))('%s', (id, adapter) => {
    it('keeps its selectors in one file', () => {
      expect(filesIn(join(ADAPTERS_DIR, id))).toContain('selectors.ts');
    });

    it('is in the content script matches (or is registered at run time and says so)', () => {
      const matches = contentScript.matches ?? [];
      for (const pattern of adapter.matches) expect(matches).toContain(pattern);
      if (adapter.matches.length === 0) expect(adapter.registeredAtRunTime).toBe(true);
    });

    it('has saved page structures and adapter tests', () => {
      expect(filesIn(join('test/fixtures', id)).some((file) => file.endsWith('.html'))).toBe(true);
      expect(filesIn('test/adapters').some((file) => file.startsWith(id) && file.endsWith('.test.ts'))).toBe(true);
    });

    it('has an end-to-end test at its real URL', () => {
      expect(filesIn('test/e2e').some((file) => file.startsWith(id) && file.endsWith('.e2e.ts'))).toBe(true);
    });
  });
});
