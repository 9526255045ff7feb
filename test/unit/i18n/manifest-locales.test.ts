import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { UserManifest } from 'wxt';
import config from '../../../wxt.config';

const manifest: UserManifest = typeof config.manifest === 'function' ? {} : ((await config.manifest) ?? {});

function messagesOf(locale: string): Record<string, { message: string }> {
  return JSON.parse(
    readFileSync(new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'),
  ) as Record<string, { message: string }>;
}

const en = messagesOf('en');
const ru = messagesOf('ru');

describe('the manifest in the browser’s language', () => {
  it('takes its name, description and shortcut descriptions from the locale tables, English by default', () => {
    expect(manifest.default_locale).toBe('en');
    expect(manifest.name).toBe('__MSG_extName__');
    expect(manifest.description).toBe('__MSG_extDescription__');
    const commands = Object.values(manifest.commands ?? {});
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command.description).toMatch(/^__MSG_\w+__$/);
  });

  it('has every message it names in English and in Russian, within the stores’ limits', () => {
    const named = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const key of named) {
      expect(en[key]?.message, key).toBeTruthy();
      expect(ru[key]?.message, key).toBeTruthy();
    }
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    expect(en.extName!.message).toBe('Tracker Data');
    expect(ru.extName!.message).toBe('Tracker Data');
    expect(ru.extDescription!.message).toMatch(/депозиты/);
    expect(ru.commandTogglePanel!.message).toBe('Открыть или закрыть панель Tracker Data');
    for (const table of [en, ru]) {
      expect(table.extName!.message.length).toBeLessThanOrEqual(75);
      expect(table.extDescription!.message.length).toBeLessThanOrEqual(132);
    }
  });
});
