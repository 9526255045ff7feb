import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The folder rules of docs/design (who may import whom) live in eslint.config.js and run with `npm run lint`. These
 * files are linted as if they sat at the path given, so each rule is shown to pass an allowed import and to fail a
 * forbidden one, with the message a developer would read.
 */
const eslint = new ESLint();

async function problems(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).map((message) => `${message.line}: ${message.ruleId} ${message.message}`);
}

// The first lint loads the config and its plugins: seconds on a busy machine.
describe('the folder rules', { timeout: 30_000 }, () => {
  it('let a schema import another schema and zod/mini, and refuse a store, a package and classic zod', async () => {
    const allowed = `import { z } from 'zod/mini';\nimport { parseAmount } from './amount';\nexport const both = [z, parseAmount];\n`;
    expect(await problems('lib/schemas/probe.ts', allowed)).toEqual([]);

    const forbidden = `import { z } from 'zod';\nimport React from 'react';\nimport { createPopupStore } from '../stores/popup-store';\nexport const all = [z, React, createPopupStore];\n`;
    const found = await problems('lib/schemas/probe.ts', forbidden);
    expect(found).toEqual([
      expect.stringMatching(/^1: boundaries\/dependencies .*"schemas".*module source "zod"/),
      expect.stringMatching(/^2: boundaries\/dependencies .*"schemas".*module source "react"/),
      expect.stringMatching(
        /^3: boundaries\/dependencies .*from elements of type "schemas" to elements of type "stores"/,
      ),
    ]);
  });

  it('keep each site to its own folder, the shared adapter code and the schemas', async () => {
    const own = `import { HEADER } from './selectors';\nimport { queryFirst } from '../shared/query';\nexport const both = [HEADER, queryFirst];\n`;
    expect(await problems('lib/adapters/whatsapp/probe.ts', own)).toEqual([]);

    const another = `import { telegramK } from '../telegram-k/adapter';\nexport const other = telegramK;\n`;
    expect(await problems('lib/adapters/whatsapp/probe.ts', another)).toEqual([
      expect.stringMatching(
        /^1: boundaries\/dependencies .*site="whatsapp" to elements of type "site" and captured values: site="telegram-k"/,
      ),
    ]);
  });

  it('let components import the schemas for their types only, and the messaging client only from stores', async () => {
    const typeOnly = `import type { OutboxRecord } from '../lib/schemas/outbox';\nexport type Row = OutboxRecord;\n`;
    expect(await problems('components/probe.tsx', typeOnly)).toEqual([]);
    const value = `import { outboxRecordSchema } from '../lib/schemas/outbox';\nexport const schema = outboxRecordSchema;\n`;
    expect(await problems('components/probe.tsx', value)).toEqual([
      expect.stringMatching(/^1: boundaries\/dependencies .*"components" to elements of type "schemas"/),
    ]);

    expect(
      await problems(
        'lib/stores/probe.ts',
        `import { sendMessage } from '../messaging/client';\nexport const send = sendMessage;\n`,
      ),
    ).toEqual([]);
    expect(
      await problems(
        'lib/stores/probe.ts',
        `import { routeMessage } from '../messaging/router';\nexport const route = routeMessage;\n`,
      ),
    ).toEqual([expect.stringMatching(/^1: boundaries\/dependencies .*"stores" to elements of type "messaging"/)]);
  });

  it('let stores and components use the domain helpers, and keep those helpers free of stores and messaging', async () => {
    const helper = `import { currencyDisplay } from '../domain/money';\nexport const display = currencyDisplay;\n`;
    expect(await problems('lib/stores/probe.ts', helper)).toEqual([]);
    expect(await problems('components/probe.tsx', helper.replace('../domain', '../lib/domain'))).toEqual([]);

    const stateful = `import { createPopupStore } from '../stores/popup-store';\nimport { sendMessage } from '../messaging/client';\nexport const all = [createPopupStore, sendMessage];\n`;
    expect(await problems('lib/domain/probe.ts', stateful)).toEqual([
      expect.stringMatching(/^1: boundaries\/dependencies .*"domain" to elements of type "stores"/),
      expect.stringMatching(/^2: boundaries\/dependencies .*"domain" to elements of type "messaging/),
    ]);
  });

  it('let entry points import zod only as zod/mini', async () => {
    expect(await problems('entrypoints/probe.ts', `import { z } from 'zod/mini';\nexport const schema = z;\n`)).toEqual(
      [],
    );
    expect(await problems('entrypoints/probe.ts', `import { z } from 'zod/v4';\nexport const schema = z;\n`)).toEqual([
      expect.stringMatching(/^1: no-restricted-imports .*zod\/mini/),
    ]);
  });
});
