import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: the server shares files with the extension.
  imports: false,
  manifest: {
    name: 'QA Lens',
    description: 'Quality history, guidelines and SOP feedback beside every item on internal review tools.',
    permissions: ['storage'],
    // Demo pages; internal origins are added by issue #3's run-time permissions.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // Another API (options page) is asked for at run time, one origin at a time.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    browser_specific_settings: { gecko: { id: 'qa-lens@example.org', strict_min_version: '115.0' } },
  },
  vite: () => ({
    // Chromium refuses content scripts that are not valid UTF-8; esbuild would
    // otherwise write lone surrogates from React/Dexie raw (see ENVIRONMENT.md).
    esbuild: { charset: 'ascii', jsx: 'automatic' },
  }),
});
