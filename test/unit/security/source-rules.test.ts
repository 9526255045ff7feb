import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Rules a reviewer would otherwise have to remember, checked over the shipped source (lib, components, entrypoints):
 * the ways a page could reach the extension, or markup could be injected, simply do not occur in it.
 */

const ROOT = join(__dirname, '../../..');
const SHIPPED = ['lib', 'components', 'entrypoints'];

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const sources = SHIPPED.flatMap((folder) => filesUnder(join(ROOT, folder))).map((path) => ({
  path: relative(ROOT, path),
  text: readFileSync(path, 'utf8'),
}));

function where(pattern: RegExp, files = sources): string[] {
  return files.filter(({ text }) => pattern.test(text)).map(({ path }) => path);
}

describe('the page cannot talk to the extension', () => {
  it('no code listens for window messages or posts any', () => {
    expect(
      where(/addEventListener\(\s*['"`]message['"`]|\bonmessage\b|\.postMessage\(|MessageChannel|BroadcastChannel/),
    ).toEqual([]);
  });

  it('no code answers other extensions or web pages directly', () => {
    expect(where(/onMessageExternal|onConnectExternal|externally_connectable/)).toEqual([]);
    expect(readFileSync(join(ROOT, 'wxt.config.ts'), 'utf8')).not.toMatch(/externally_connectable/);
  });

  it('the UI reads no custom DOM events the page could dispatch', () => {
    const ui = sources.filter(({ path }) => !path.startsWith('lib/background/'));
    expect(
      where(
        /addEventListener\(\s*['"`](?!keydown|keyup|keypress|click|focus|blur|input|change|resize|scroll|popstate|hashchange|pageshow|pagehide|visibilitychange|online|offline)[\w-]+['"`]/,
        ui,
      ),
    ).toEqual([]);
  });
});

describe('the session stays in the background', () => {
  it('token names occur only in the background and the contract schemas', () => {
    const allowed = /^lib\/(background\/|schemas\/(api|stored)\.ts$)/;
    expect(where(/accessToken|refreshToken/).filter((path) => !allowed.test(path))).toEqual([]);
  });

  it('storage.session is never opened to content scripts', () => {
    expect(where(/setAccessLevel|TRUSTED_AND_UNTRUSTED_CONTEXTS/)).toEqual([]);
  });

  it('the background opens no ports, and tells tabs only through the one typed map the content script checks', () => {
    expect(where(/runtime\.connect\b|\.onConnect\b/)).toEqual([]);
    // The keyboard shortcut reaches the browser, not the page: the background must tell the tab's content script to
    // toggle the panel. That one channel carries only lib/messaging/to-content.ts's map, accepted from the background
    // alone (our id, no tab) and never carrying anything of the session.
    expect(where(/tabs\.sendMessage/)).toEqual(['lib/messaging/to-content.ts']);
    expect(where(/runtime\.onMessage\b/)).toEqual(['lib/messaging/router.ts', 'lib/messaging/to-content.ts']);
  });

  it('only the API client calls fetch, so the bearer goes to the configured platform and nowhere else', () => {
    expect(where(/\bfetch\(/)).toEqual(['lib/background/api-client.ts']);
  });
});

describe('text is never markup', () => {
  it('no code writes HTML from strings or evaluates code', () => {
    expect(
      where(
        /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(|createContextualFragment/,
      ),
    ).toEqual([]);
  });

  it('no link or frame takes its address from data', () => {
    // The one link with a computed address, the popup's export of set-aside records, writes its scheme and type itself:
    // the records only ever fill the URL-encoded payload of a data: URL.
    expect(where(/<a\s[^>]*href=\{|<iframe|srcDoc|javascript:/)).toEqual(['components/popup/SetAsideRecords.tsx']);
    const exportLink = sources.find(({ path }) => path === 'components/popup/SetAsideRecords.tsx')!.text;
    expect(exportLink).toMatch(/`data:application\/json;charset=utf-8,\$\{encodeURIComponent\(/);
  });
});
