import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { EXTENSION_DIR } from './fixtures';

// Checks on the built extension itself: what ships is what the trust model promises.
const read = (path: string) => readFileSync(join(EXTENSION_DIR, path), 'utf8');

test('the always-loaded content script is small and carries no token, storage, database, React or zod', () => {
  const script = read('content-scripts/overlay.js');
  const gzipKb = gzipSync(script).length / 1024;
  console.log(`content script: ${(script.length / 1024).toFixed(1)} KB, ${gzipKb.toFixed(1)} KB gzipped`);
  expect(gzipKb).toBeLessThan(30);
  for (const forbidden of ['local:auth', 'Bearer', 'indexedDB', 'Dexie', 'react', 'ZodError', 'innerHTML']) {
    expect(script, `content script contains "${forbidden}"`).not.toContain(forbidden);
  }
});

test('the manifest asks for no <all_urls> and no broad host access up front', () => {
  const manifest = JSON.parse(read('manifest.json')) as Record<string, unknown>;
  expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  expect(manifest.host_permissions).toEqual(['http://localhost/*', 'http://127.0.0.1/*']);
  expect(manifest.content_security_policy).toBeUndefined(); // the MV3 default: no remote code
});

test('no bundle carries a credential', () => {
  const files = ['background.js', 'content-scripts/overlay.js'];
  for (const file of files) expect(read(file)).not.toMatch(/qal_[A-Za-z0-9_-]{20,}/);
});
