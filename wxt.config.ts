import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';

/** Demo origins. Internal origins are added at run time by issue #3's adapter permissions. */
const HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];
/** Another API (chosen in the options page) is asked for at run time, one origin at a time. */
const OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module'],
  // Explicit imports everywhere: the server shares files with the extension.
  imports: false,
  manifest: ({ manifestVersion }) => ({
    // Text from locales/*.yml (@wxt-dev/i18n); the browser picks the file for its UI language.
    default_locale: 'en',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    // contextMenus, commands and activeTab: the SOP gap form from a selection or a shortcut, with a
    // screenshot of the tab the user invoked it on (activeTab, not host access to every page).
    permissions: ['storage', 'alarms', 'scripting', 'contextMenus', 'activeTab', 'notifications'],
    commands: {
      'report-gap': {
        suggested_key: { default: 'Alt+Shift+R' },
        description: '__MSG_report_shortcut__',
      },
    },
    host_permissions: HOSTS,
    ...(manifestVersion === 3
      ? { optional_host_permissions: OPTIONAL_HOSTS }
      : { optional_permissions: OPTIONAL_HOSTS as never[] }),
    browser_specific_settings: {
      gecko: {
        id: 'qa-lens@example.org',
        // 140 (the current ESR) is the first to read data_collection_permissions.
        strict_min_version: '140.0',
        // Item ids and page URLs go to the QA Lens API the user configures.
        data_collection_permissions: { required: ['websiteContent'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
  }),
  vite: () => ({
    resolve: {
      alias: [
        // micromark (react-markdown, guideline snippets) decodes entities with a DOM element in its
        // "browser" build: the service worker has no document (it crashed at start), and the pages
        // would carry an innerHTML sink. The plain build decodes from a table instead.
        {
          find: /^decode-named-character-reference$/,
          replacement: fileURLToPath(
            new URL('./node_modules/decode-named-character-reference/index.js', import.meta.url),
          ),
        },
      ],
    },
    // Chromium refuses content scripts that are not valid UTF-8; esbuild would
    // otherwise write lone surrogates from React/Dexie raw (see ENVIRONMENT.md).
    esbuild: { charset: 'ascii', jsx: 'automatic' },
    build: {
      // QA_LENS_PROFILE=1 keeps names readable in CPU profiles.
      minify: !process.env.QA_LENS_PROFILE,
      // QA_LENS_SOURCEMAP=1 (npm run bench) writes maps beside the bundles, unreferenced, so P3 can say
      // what each part of the content script costs; the bundles themselves are byte for byte the same.
      sourcemap: process.env.QA_LENS_SOURCEMAP ? ('hidden' as const) : false,
      rollupOptions: {
        onwarn(warning, warn) {
          // zod 4 places /* @__PURE__ */ where Rollup cannot use it; harmless, and noisy on every build.
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) return;
          warn(warning);
        },
      },
    },
  }),
});
