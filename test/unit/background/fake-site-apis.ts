import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';

type ContentScript = Browser.scripting.RegisteredContentScript;
type Listener = (permissions: Browser.permissions.Permissions) => unknown;

/**
 * WXT's fake browser leaves `permissions`, `scripting` and `commands` unimplemented. These in-memory stand-ins behave as Chrome's
 * do where the registration depends on it: `contains` answers for granted origins only, registering an id twice or
 * unregistering an unknown id throws, registrations survive a worker restart (they live in the "browser", not the
 * worker), and granting or revoking fires onAdded / onRemoved.
 */
export interface FakeSiteApis {
  /** Host permissions granted at run time (match patterns). */
  readonly granted: Set<string>;
  /** Registered content scripts by id, as the browser keeps them. */
  readonly registered: Map<string, ContentScript>;
  /** Every executeScript call. */
  readonly injected: { tabId: number; files: string[] }[];
  /** What the manager does in the browser's own site settings: grant or revoke a host, firing the events. */
  grant(pattern: string): Promise<void>;
  revoke(pattern: string): Promise<void>;
}

/** The build's manifest as the site registration reads it: version 0.1.0, with these content scripts (none by default). */
export function fakeManifest(contentScripts: Browser.runtime.Manifest['content_scripts'] = []): void {
  fakeBrowser.runtime.getManifest = () =>
    ({
      manifest_version: 3,
      name: 'Tracker Data',
      version: '0.1.0',
      content_scripts: contentScripts,
    }) as Browser.runtime.Manifest;
}

export function installFakeSiteApis(): FakeSiteApis {
  const granted = new Set<string>();
  const registered = new Map<string, ContentScript>();
  const injected: { tabId: number; files: string[] }[] = [];
  const added: Listener[] = [];
  const removed: Listener[] = [];
  const fire = async (listeners: Listener[], origins: string[]) => {
    await Promise.all(listeners.map((listener) => listener({ origins })));
  };
  const event = (listeners: Listener[]) => ({
    addListener: (listener: Listener) => listeners.push(listener),
    removeListener: (listener: Listener) => listeners.splice(listeners.indexOf(listener) >>> 0, 1),
    hasListener: (listener: Listener) => listeners.includes(listener),
  });

  const apis: FakeSiteApis = {
    granted,
    registered,
    injected,
    async grant(pattern) {
      granted.add(pattern);
      await fire(added, [pattern]);
    },
    async revoke(pattern) {
      granted.delete(pattern);
      await fire(removed, [pattern]);
    },
  };

  Object.assign(fakeBrowser.permissions, {
    contains: async ({ origins = [] }: Browser.permissions.Permissions) =>
      origins.every((origin) => granted.has(origin)),
    getAll: async () => ({ origins: [...granted], permissions: [] }),
    request: async ({ origins = [] }: Browser.permissions.Permissions) => {
      for (const origin of origins) await apis.grant(origin);
      return true;
    },
    remove: async ({ origins = [] }: Browser.permissions.Permissions) => {
      const had = origins.every((origin) => granted.has(origin));
      for (const origin of origins) await apis.revoke(origin);
      return had;
    },
    onAdded: event(added),
    onRemoved: event(removed),
  });

  Object.assign(fakeBrowser.scripting, {
    registerContentScripts: async (scripts: ContentScript[]) => {
      for (const script of scripts)
        if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
      for (const script of scripts) registered.set(script.id, structuredClone(script));
    },
    getRegisteredContentScripts: async (filter?: { ids?: string[] }) =>
      [...registered.values()]
        .filter((script) => !filter?.ids || filter.ids.includes(script.id))
        .map((script) => structuredClone(script)),
    unregisterContentScripts: async (filter?: { ids?: string[] }) => {
      const ids = filter?.ids ?? [...registered.keys()];
      for (const id of ids) if (!registered.has(id)) throw new Error(`Nonexistent script ID '${id}'`);
      for (const id of ids) registered.delete(id);
    },
    executeScript: async ({ target, files = [] }: { target: { tabId: number }; files?: string[] }) => {
      injected.push({ tabId: target.tabId, files });
      return [];
    },
  });
  // The worker's entry also listens for the panel shortcut, which the fake browser leaves unimplemented as well;
  // nothing here presses it, so a listener list is all it needs.
  const commandListeners: unknown[] = [];
  Object.assign(fakeBrowser.commands.onCommand, {
    addListener: (listener: unknown) => commandListeners.push(listener),
    hasListener: (listener: unknown) => commandListeners.includes(listener),
  });

  return apis;
}
