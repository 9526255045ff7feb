import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const ZOD_MINI = 'Import zod/mini: the classic API is not tree-shaken and costs the content script its size budget.';

export default defineConfig(
  {
    ignores: [
      '.output/',
      '.wxt/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'test/fixtures/',
      'test/bench/busy-chat/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // An argument or a caught error named with a leading _ is there to keep a signature; the rest must be used.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter's pattern: a fixture that needs none says `{}`.
    files: ['test/e2e/**/*.ts', 'test/bench/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['components/**/*.tsx', 'entrypoints/**/*.tsx', 'server/console/app/**/*.tsx', 'test/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  ...folderRules(),
  {
    // The folder rules let product code import zod as zod/mini only; the entry points have no folder rule but this one.
    files: ['entrypoints/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: ZOD_MINI }],
          patterns: [{ group: ['zod/*', '!zod/mini'], message: ZOD_MINI }],
        },
      ],
    },
  },
);

/**
 * The folder rules of docs/design (who may import whom), checked by the linter. Each part lists the parts its files
 * may import, the parts it may import types from only, and the packages it may import (the exact specifiers).
 * zod is imported as `zod/mini` only: the classic API is not tree-shaken and costs the content script its size budget.
 */
function folderRules() {
  const NODE = ['node:*', 'node:*/*'];
  const parts = [
    // redos-detector: the first-message pattern's safety check (lib/schemas/link-pattern.ts), shared with the server.
    { type: 'schemas', pattern: 'lib/schemas', parts: ['schemas'], packages: ['zod/mini', 'redos-detector'] },
    {
      type: 'adapters-shared',
      pattern: 'lib/adapters/shared',
      parts: ['schemas', 'adapters-shared'],
      packages: ['wxt/utils/match-patterns'],
    },
    // A site's folder may import its own files only: no site knows another's.
    { type: 'site', pattern: 'lib/adapters/*', capture: ['site'], parts: ['schemas', 'adapters-shared', 'own site'] },
    { type: 'adapters', pattern: 'lib/adapters', parts: ['schemas', 'adapters-shared', 'site', 'adapters'] },
    {
      type: 'messaging',
      pattern: 'lib/messaging',
      parts: ['schemas', 'messaging'],
      packages: ['zod/mini', 'wxt/browser'],
    },
    {
      type: 'background',
      pattern: 'lib/background',
      parts: ['schemas', 'domain', 'messaging', 'background'],
      packages: ['zod/mini', 'idb', 'wxt/browser', 'wxt/utils/match-patterns', 'wxt/utils/storage'],
    },
    // Pure domain helpers (money, drafts, history): no state, no messaging; stores, components and the background use them.
    { type: 'domain', pattern: 'lib/domain', parts: ['schemas', 'domain'], packages: ['zod/mini'] },
    {
      type: 'stores',
      pattern: 'lib/stores',
      parts: ['schemas', 'domain', 'messaging-client', 'stores'],
      packages: ['zustand', 'zustand/vanilla'],
    },
    {
      type: 'components',
      pattern: 'components',
      parts: ['stores', 'domain', 'components'],
      typesOnly: ['schemas'],
      packages: ['react', 'react-dom', 'zustand'],
    },
    // The console's page runs in the admin's browser: React and zustand over the shared schemas, never the server's code.
    {
      type: 'console-app',
      pattern: 'server/console/app',
      parts: ['schemas', 'console-app'],
      packages: ['zod/mini', 'react', 'react-dom/client', 'zustand', 'zustand/vanilla'],
    },
    {
      type: 'server',
      pattern: 'server',
      parts: ['schemas', 'server', 'console-app'],
      packages: [
        ...NODE,
        'zod/mini',
        'fastify',
        '@fastify/cookie',
        'esbuild',
        'kysely',
        'kysely/migration',
        'better-sqlite3',
        'pg',
        'undici',
      ],
    },
    {
      type: 'sandbox',
      pattern: 'sandbox',
      parts: ['schemas', 'server', 'console-app', 'sandbox'],
      packages: [...NODE, 'zod/mini'],
    },
  ];
  /** A part is a type of element, or one of two narrower targets. */
  const NARROWER = {
    'own site': { type: 'site', captured: { site: '{{ from.captured.site }}' } },
    'messaging-client': { type: 'messaging', fileInternalPath: 'client.ts' },
  };
  const allowedPart = (part) => ({ to: { element: NARROWER[part] ?? { type: part } } });
  return [
    {
      files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'server/**/*.{ts,tsx}', 'sandbox/**/*.{ts,tsx}'],
      plugins: { boundaries },
      settings: {
        'boundaries/elements': parts.map(({ type, pattern, capture }) => ({
          type,
          pattern,
          partialMatch: false,
          ...(capture ? { capture } : {}),
        })),
        'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      },
      rules: {
        'boundaries/dependencies': [
          'error',
          {
            default: 'disallow',
            checkAllOrigins: true,
            checkUnknownLocals: true,
            policies: parts.flatMap((part) => [
              { from: { element: { type: part.type } }, allow: part.parts.map((to) => allowedPart(to)) },
              ...(part.typesOnly
                ? [
                    {
                      from: { element: { type: part.type } },
                      allow: part.typesOnly.map((to) => ({ ...allowedPart(to), dependency: { kind: 'type' } })),
                    },
                  ]
                : []),
              {
                from: { element: { type: part.type } },
                allow: {
                  to: { module: { origin: ['external', 'core'] } },
                  dependency: { source: part.packages ?? [] },
                },
              },
            ]),
          },
        ],
      },
    },
  ];
}
