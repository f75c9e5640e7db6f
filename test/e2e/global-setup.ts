import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDemoStack } from '../../scripts/stack';

/**
 * Starts the demo stack (API on in-memory PGlite with the seed, demo pages)
 * on free ports, and hands the URLs to the tests through the environment.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const extensionDir = resolve('.output/chrome-mv3');
  if (!existsSync(`${extensionDir}/manifest.json`)) {
    throw new Error(`No built extension in ${extensionDir}: run "npm run build" first (npm test does).`);
  }
  const stack = await startDemoStack({
    apiPort: 0,
    demoPort: 0,
    // The published-adapter test publishes Review Hub's adapter through the API itself.
    publishDemoAdapters: false,
    log: (line) => console.log(`[e2e] ${line}`),
  });
  process.env.QA_LENS_E2E_API = stack.apiUrl;
  process.env.QA_LENS_E2E_DEMO = stack.demoUrl;
  process.env.QA_LENS_E2E_ANCHOR = stack.seed.anchor;
  console.log(`[e2e] API ${stack.apiUrl}, demo pages ${stack.demoUrl}, extension ${extensionDir}`);
  return () => stack.close();
}
