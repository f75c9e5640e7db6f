import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDemoStack } from './stack';

/**
 * `npm start`: builds the extension, starts the API on PGlite with the demo
 * data and serves the demo pages, then says where everything is. Where a
 * display is available it also opens Chromium with the extension loaded.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'no-browser': { type: 'boolean', default: false },
      'skip-build': { type: 'boolean', default: false },
    },
  });
  const apiPort = Number(process.env.PORT ?? 8787);
  const demoPort = Number(process.env.DEMO_PORT ?? 8788);
  const dataDir = resolve(process.env.QA_LENS_DATA_DIR ?? '.data/pglite');
  const extensionDir = resolve('.output/chrome-mv3');

  if (!values['skip-build']) {
    console.log('Building the extension (wxt build)…');
    const build = spawnSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('wxt build failed; run "npm run build" to see why');
  }

  mkdirSync(dataDir, { recursive: true });
  console.log(`Starting the API on PGlite (${dataDir}); the first start runs initdb and takes a few seconds…`);
  const stack = await startDemoStack({ apiPort, demoPort, dataDir, log: (line) => console.log(line) });
  const demoUsers = stack.seed.users
    .map((user) => `    ${user.id.padEnd(15)} ${user.name.padEnd(16)} ${user.roles.join(', ')}`)
    .join('\n');

  console.log(`
QA Lens is running.

  API              ${stack.apiUrl}/health   (OpenAPI: ${stack.apiUrl}/openapi.json)
  Moderation queue ${stack.demoUrl}/moderation/queues/videos
  Search eval task ${stack.demoUrl}/search-eval/tasks/T-0001
  Review Hub (SPA) ${stack.demoUrl}/review/queues/videos   (10,000 items per queue; adapter published through the API)
  Case Grid        ${stack.demoUrl}/grid/queues/videos   (an AG Grid-like grid whose cells clip badges: see the popup's health)
  Portal shell     ${stack.demoUrl}/shell/   (the moderation queue inside a frame)
  Queue Kit        ${stack.demoUrl}/components/queues/videos   (rows inside web components' shadow roots)
  Extension        ${extensionDir}

Load the extension: open chrome://extensions, turn on Developer mode, click
"Load unpacked" and pick the folder above. Its settings page opens on install:
click Connect, then sign in as one of the demo users:

${demoUsers}

Press Ctrl+C to stop.
`);

  const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!values['no-browser'] && display && existsSync(chromium)) {
    console.log('Opening Chromium with QA Lens loaded (skip with: npm start -- --no-browser)');
    spawn(
      chromium,
      [
        `--user-data-dir=${resolve('.data/chromium-profile')}`,
        `--disable-extensions-except=${extensionDir}`,
        `--load-extension=${extensionDir}`,
        '--no-first-run',
        `${stack.demoUrl}/moderation/queues/videos`,
      ],
      { stdio: 'ignore', detached: true },
    ).unref();
  }

  const stop = () => {
    void stack.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
