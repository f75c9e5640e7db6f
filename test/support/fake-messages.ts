import { join } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const LOCALES = join(import.meta.dirname, '../../locales');
const cache = new Map<string, Promise<Map<string, string>>>();

function messagesOf(file: string): Promise<Map<string, string>> {
  let messages = cache.get(file);
  if (!messages) {
    messages = parseMessagesFile(join(LOCALES, file)).then(
      (parsed) =>
        new Map(Object.entries(generateChromeMessages(parsed)).map(([name, m]) => [name.toLowerCase(), m.message])),
    );
    cache.set(file, messages);
  }
  return messages;
}

/**
 * Makes the fake browser answer `i18n.getMessage` from a locale's messages.json as the build
 * writes it, and `getUILanguage` with `uiLanguage`: what Chromium does with that locale chosen.
 */
export async function useLocale(file: 'en.yml' | 'zh_CN.yml', uiLanguage: string): Promise<void> {
  const byName = await messagesOf(file);
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((name: string, subs?: string | string[]) => {
    const list = subs === undefined ? [] : ([] as string[]).concat(subs);
    // Chrome's substitution rules: $1-$9 from the list, $$ for a dollar sign.
    return (byName.get(name.toLowerCase()) ?? '').replace(/\$(\$|[1-9])/g, (_, d: string) =>
      d === '$' ? '$' : (list[Number(d) - 1] ?? ''),
    );
  });
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(uiLanguage);
}
