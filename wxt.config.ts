import { defineConfig } from 'wxt';

/** The sandbox serves fixture chat apps under this loopback path for `npm start`; only development builds match it. */
const DEMO_PAGES = ['http://127.0.0.1/demo/*', 'http://localhost/demo/*'];
const LOOPBACK_API = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  // Parallel test runs (and helpers) can build side by side into their own folders.
  outDir: process.env.TRACKER_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: {
    name: 'Tracker Data',
    // URL.canParse, storage.session and AbortSignal.timeout, which the background relies on.
    minimum_chrome_version: '120',
    permissions: ['storage', 'alarms'],
    // The sandbox (and a platform run locally) answer on loopback; any other API origin is asked for at run time.
    host_permissions: LOOPBACK_API,
    optional_host_permissions: ['https://*/*'],
  },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'development') return;
      for (const script of manifest.content_scripts ?? []) script.matches = [...(script.matches ?? []), ...DEMO_PAGES];
    },
  },
  webExt: {
    binaries: { chrome: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    startUrls: [`http://127.0.0.1:${process.env.PORT ?? 8787}/demo/web.telegram.org/k/`],
    // Chromium refuses to start as root with its sandbox on (containers, CI machines).
    chromiumArgs: ['--no-first-run', '--disable-search-engine-choice-screen', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  },
});
