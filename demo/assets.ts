import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Files served under /assets/; a fixed list, so no path from a URL ever reaches the file system. */
const ASSET_TYPES: Record<string, string> = {
  'demo.css': 'text/css; charset=utf-8',
  'moderation.js': 'text/javascript; charset=utf-8',
  'search-eval.js': 'text/javascript; charset=utf-8',
  'review.css': 'text/css; charset=utf-8',
  'review-app.js': 'text/javascript; charset=utf-8',
  'grid.css': 'text/css; charset=utf-8',
  'grid.js': 'text/javascript; charset=utf-8',
  'components.js': 'text/javascript; charset=utf-8',
  'portal.css': 'text/css; charset=utf-8',
  'shell.js': 'text/javascript; charset=utf-8',
};

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const cache = new Map<string, string>();

/** Reads one whitelisted asset (cached after the first read); null for anything else. */
export async function loadAsset(name: string): Promise<{ body: string; type: string } | null> {
  const type = ASSET_TYPES[name];
  if (!type) return null;
  let body = cache.get(name);
  if (body === undefined) {
    body = await readFile(PUBLIC_DIR + name, 'utf8');
    cache.set(name, body);
  }
  return { body, type };
}
