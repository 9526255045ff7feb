import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The folder rules of docs/design (who may import whom), checked rather than remembered. Each part lists the project
 * folders and the packages its files may import; `import type` counts too, except where a rule says types only.
 * zod is imported as `zod/mini` only: the classic API is not tree-shaken and costs the content script its size budget.
 */
interface Rule {
  folders: string[];
  packages: RegExp;
  typesOnly?: string[];
}

const RULES: Record<string, Rule> = {
  // redos-detector: the first-message pattern's safety check (lib/schemas/link-pattern.ts), shared with the server.
  'lib/schemas': { folders: ['lib/schemas'], packages: /^(zod\/mini|redos-detector)$/ },
  // WXT's match-pattern parser: the one the background's sender check uses too.
  'lib/adapters/shared': { folders: ['lib/schemas', 'lib/adapters/shared'], packages: /^wxt\/utils\/match-patterns$/ },
  'lib/adapters/*': { folders: ['lib/schemas', 'lib/adapters/shared', 'lib/adapters/$site'], packages: /^$/ },
  'lib/adapters': { folders: ['lib/schemas', 'lib/adapters'], packages: /^$/ },
  'lib/messaging': { folders: ['lib/schemas', 'lib/messaging'], packages: /^(zod\/mini|wxt\/browser)$/ },
  'lib/background': {
    folders: ['lib/schemas', 'lib/messaging', 'lib/background'],
    packages: /^(zod\/mini|idb|wxt\/browser|wxt\/utils\/match-patterns)$/,
  },
  'lib/stores': { folders: ['lib/schemas', 'lib/messaging/client.ts', 'lib/stores'], packages: /^(zustand(\/vanilla)?)$/ },
  components: { folders: ['lib/stores', 'components'], packages: /^(react|react-dom|zustand)$/, typesOnly: ['lib/schemas'] },
  server: { folders: ['lib/schemas', 'server'], packages: /^(node:.*|zod\/mini|fastify|@fastify\/cookie|esbuild|kysely|kysely\/migration|better-sqlite3|pg)$/ },
  // The console's page runs in the admin's browser: React and zustand over the shared schemas, never the server's code.
  'server/console/app': { folders: ['lib/schemas', 'server/console/app'], packages: /^(zod\/mini|react|react-dom\/client|zustand(\/vanilla)?)$/ },
  sandbox: { folders: ['lib/schemas', 'server', 'sandbox'], packages: /^(node:.*|zod\/mini)$/ },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function ruleFor(file: string): { rule: Rule; site?: string } | undefined {
  const site = /^lib\/adapters\/([^/]+)\//.exec(file)?.[1];
  if (site && site !== 'shared') return { rule: RULES['lib/adapters/*']!, site };
  const key = Object.keys(RULES)
    .filter((prefix) => !prefix.includes('*') && file.startsWith(`${prefix}/`))
    .sort((a, b) => b.length - a.length)[0];
  return key ? { rule: RULES[key]! } : undefined;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function violations(file: string): string[] {
  const found = ruleFor(file);
  if (!found) return [];
  const { rule, site } = found;
  const allowed = rule.folders.map((folder) => folder.replace('$site', site ?? ''));
  const text = readFileSync(file, 'utf8');
  const problems: string[] = [];
  for (const [, , typeOnly, specifier] of text.matchAll(IMPORT)) {
    if (!specifier) continue;
    if (!specifier.startsWith('.')) {
      if (!rule.packages.test(specifier)) problems.push(`${file} imports the package ${specifier}`);
      continue;
    }
    const target = relative('.', normalize(join(dirname(file), specifier)));
    const inside = (folder: string) => target === folder.replace(/\.ts$/, '') || target.startsWith(`${folder}/`);
    if (allowed.some(inside)) continue;
    if (typeOnly && rule.typesOnly?.some(inside)) continue;
    problems.push(`${file} imports ${target}`);
  }
  return problems;
}

describe('the folder rules', () => {
  it('hold for every file under lib/, components/, server/ and sandbox/', () => {
    const files = ['lib', 'components', 'server', 'sandbox'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(violations)).toEqual([]);
  });

  it('let product code import zod only as zod/mini, entry points included', () => {
    const files = ['lib', 'components', 'entrypoints', 'server', 'sandbox'].flatMap(sourceFiles);
    const classic = files.filter((file) =>
      [...readFileSync(file, 'utf8').matchAll(IMPORT)].some(([, , , specifier]) => /^zod(\/|$)/.test(specifier ?? '') && specifier !== 'zod/mini'),
    );
    expect(classic).toEqual([]);
  });
});
