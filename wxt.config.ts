import { defineConfig } from 'wxt';

/** The sandbox serves fixture chat apps under this loopback path for `npm start`; only development builds match it. */
const DEMO_PAGES = ['http://127.0.0.1/demo/*', 'http://localhost/demo/*'];
const LOOPBACK_API = ['http://127.0.0.1/*', 'http://localhost/*'];
/**
 * Sites the manager adds (a self-hosted Chatwoot, "Use on this site") get the content script at run time, on any https
 * host. Its shadow-root UI fetches its stylesheet from the extension, which a page may only do where the file is
 * web-accessible; `use_dynamic_url` gives it a per-session URL, so no page can probe for the extension with it.
 */
const ADDED_SITES = ['https://*/*'];
/**
 * Firefox's own settings. 140 (an ESR) is the first Firefox to show the data-collection consent; all else the extension
 * uses is older there: registered content scripts that persist across sessions (105), MV3 with background scripts
 * (109), storage.session and URL.canParse (115), optional host permissions (128).
 * Firefox asks the user to consent to what leaves the browser. Everything sent goes to the platform the manager signs
 * in to: their email and password (authenticationInfo); the lead's name, username and phone number or chat id
 * (personallyIdentifyingInfo), read from the chat page, or the page's title on a page the manager added
 * (websiteContent); and the deposits logged for the lead (financialAndPaymentInfo). Required, because the extension
 * does nothing else. No message text, no addresses of pages, no usage data.
 */
const GECKO = {
  id: 'tracker-data@trackerdata.app',
  strict_min_version: '140.0',
  data_collection_permissions: {
    required: ['authenticationInfo', 'personallyIdentifyingInfo', 'websiteContent', 'financialAndPaymentInfo'],
  },
};

export default defineConfig({
  // Parallel test runs (and helpers) can build side by side into their own folders.
  outDir: process.env.TRACKER_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  manifest: {
    // In the browser's language, from public/_locales (English where the browser's language has no table).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // URL.canParse, storage.session and AbortSignal.timeout, which the background relies on.
    minimum_chrome_version: '120',
    // scripting: register the content script on the sites the manager adds, and inject it into the tab at once.
    // activeTab: the popup's "Use on this site" learns the current tab's address when the manager opens the popup,
    // without the tabs permission (which would read every tab's address, always).
    // unlimitedStorage: the outbox keeps every acknowledged Save until the platform has it, so storage.local's 10 MB
    // quota must not be what refuses a Save after days offline; it grants no access to anything, only room.
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'scripting', 'activeTab'],
    // The sandbox (and a platform run locally) answer on loopback; any other API origin is asked for at run time.
    host_permissions: LOOPBACK_API,
    optional_host_permissions: ['https://*/*'],
    // A shortcut needs no permission; the manager can change or clear it at chrome://extensions/shortcuts. Not
    // Alt+Shift+T: Chrome keeps that for its own "focus the toolbar" and silently leaves the command without a key.
    // Its description is what both browsers' shortcut pages list, in the browser's language.
    commands: {
      'toggle-panel': { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_commandTogglePanel__' },
    },
    // Firefox for Android shows the data-collection consent from 142.
    browser_specific_settings: { gecko: GECKO, gecko_android: { strict_min_version: '142.0' } },
  },
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      // Each browser gets only its own keys (the other's draw an "unrecognized key" warning).
      if (wxt.config.browser === 'firefox') delete manifest.minimum_chrome_version;
      else delete manifest.browser_specific_settings;
      const development = wxt.config.mode === 'development';
      // The demo pages need the stylesheet too; a web-accessible resource matches by origin only, so their origins.
      const stylesheetPages = development ? [...ADDED_SITES, ...LOOPBACK_API] : ADDED_SITES;
      for (const entry of manifest.web_accessible_resources ?? []) {
        if (typeof entry !== 'string' && entry.resources.some((file) => file.startsWith('content-scripts/'))) {
          entry.matches = [...new Set([...(entry.matches ?? []), ...stylesheetPages])];
        }
      }
      if (!development) return;
      for (const script of manifest.content_scripts ?? []) script.matches = [...(script.matches ?? []), ...DEMO_PAGES];
    },
  },
  // The sources zip is for AMO's reviewers, who rebuild the Firefox package from it (README: "Build from source");
  // node_modules, the output and dot folders (.sandbox-data, .wxt) are left out by WXT already, tests need not go.
  zip: { excludeSources: ['test/**', 'test-results/**', 'playwright-report/**', '**/*.log'] },
  webExt: {
    binaries: { chrome: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    startUrls: [`http://127.0.0.1:${process.env.PORT ?? 8787}/demo/web.telegram.org/k/`],
    // Chromium refuses to start as root with its sandbox on (containers, CI machines).
    chromiumArgs: [
      '--no-first-run',
      '--disable-search-engine-choice-screen',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  },
});
