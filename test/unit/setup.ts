import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useLocale } from '../support/fake-messages';

beforeEach(async () => {
  fakeBrowser.reset();
  // Code under test speaks English unless a test picks another locale.
  await useLocale('en.yml', 'en-US');
});
