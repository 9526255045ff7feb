import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UserManifest } from 'wxt';
import config from '../../../wxt.config';

/**
 * The manifest asks for what the code uses and nothing more. Each permission is here with the reason it is needed
 * (docs/security.md says the same to people); one the code stops using, or one added without a reason, fails.
 */
const JUSTIFIED_PERMISSIONS: Readonly<Record<string, { reason: string; api: RegExp }>> = {
  storage: {
    reason: 'the outbox, settings and session summary (storage.local); the access token (storage.session)',
    api: /browser\.storage\./,
  },
  unlimitedStorage: {
    reason: 'the outbox keeps every saved event until delivered; storage.local alone is capped at 10 MB',
    api: /browser\.storage\[stored\.outboxRecord\.area\]/,
  },
  alarms: {
    reason: 'wakes the stopped service worker when the next delivery attempt is due',
    api: /browser\.alarms\./,
  },
  scripting: {
    reason: 'registers the content script on sites the manager added (self-hosted Chatwoot, any page) once granted',
    api: /browser\.scripting\./,
  },
  activeTab: {
    reason:
      'the popup reads the address of the tab it was opened over ("Use on this site"), not of every tab as tabs would',
    api: /browser\.tabs\.query\(/,
  },
};

/** Permissions whose API, if the code called it, would need the permission declared. */
const API_PERMISSIONS: Readonly<Record<string, RegExp>> = {
  ...Object.fromEntries(Object.entries(JUSTIFIED_PERMISSIONS).map(([name, { api }]) => [name, api])),
  cookies: /browser\.cookies\./,
  downloads: /browser\.downloads\./,
  history: /browser\.history\./,
  bookmarks: /browser\.bookmarks\./,
  webRequest: /browser\.webRequest\./,
  declarativeNetRequest: /browser\.declarativeNetRequest\./,
  notifications: /browser\.notifications\./,
  contextMenus: /browser\.contextMenus\./,
  identity: /browser\.identity\./,
  management: /browser\.management\./,
  nativeMessaging: /browser\.runtime\.(connectNative|sendNativeMessage)/,
  webNavigation: /browser\.webNavigation\./,
  debugger: /browser\.debugger\./,
  clipboardRead: /navigator\.clipboard\.read/,
  offscreen: /browser\.offscreen\./,
  sidePanel: /browser\.sidePanel\./,
};

const ROOT = join(__dirname, '../../..');
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}
const shipped = ['lib', 'components', 'entrypoints']
  .flatMap((folder) => filesUnder(join(ROOT, folder)))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

// wxt.config.ts gives the manifest as an object; a function form would need a build context, and fails this test.
const manifest: UserManifest = typeof config.manifest === 'function' ? {} : ((await config.manifest) ?? {});

describe('the manifest', () => {
  const declared = [...(manifest.permissions ?? [])].map(String).sort();

  it('asks only for permissions with a reason, each of which the code uses', () => {
    for (const permission of declared) {
      expect(JUSTIFIED_PERMISSIONS, `${permission} has no reason written down`).toHaveProperty(permission);
      expect(shipped, `${permission} is declared but no code calls its API`).toMatch(
        JUSTIFIED_PERMISSIONS[permission]!.api,
      );
    }
  });

  it('declares every permission whose API the code calls', () => {
    const used = Object.entries(API_PERMISSIONS)
      .filter(([, api]) => api.test(shipped))
      .map(([permission]) => permission)
      .sort();
    expect(declared).toEqual(used);
  });

  it('reaches the network only at loopback (the sandbox, a local platform) unless the manager grants an https origin', () => {
    expect(manifest.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*']);
    expect(shipped).toMatch(/permissions\.request\(\{ origins/);
  });

  it('lets no web page or other extension connect, and loosens no content security policy', () => {
    for (const key of [
      'externally_connectable',
      'content_security_policy',
      'web_accessible_resources',
      'key',
      'sandbox',
      'update_url',
    ]) {
      expect(manifest, key).not.toHaveProperty(key);
    }
  });
});
