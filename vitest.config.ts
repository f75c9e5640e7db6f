import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    reporters: process.env.CI ? ['verbose'] : ['default'],
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['test/unit/setup.ts'],
        },
      },
      {
        test: {
          name: 'api',
          include: ['server/**/*.test.ts', 'demo/**/*.test.ts', 'contract/**/*.test.ts'],
          environment: 'node',
          // PGlite runs initdb per fresh database: give it room on a loaded 2-core box.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Real Firefox ESR driven over Marionette with the built MV2 extension; run by `npm run test:firefox`.
        test: {
          name: 'firefox',
          include: ['test/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
