import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMessagesFile, parseMessagesText } from '@wxt-dev/i18n/build';
import { describe, expect, it } from 'vitest';
import { compareLocales, keyUses, placeholders, unknownKeys } from '../support/locale-check';

const ROOT = join(import.meta.dirname, '../..');
const LOCALES = join(ROOT, 'locales');
/** Where extension code lives; the server and demo tools have no messages. */
const SOURCE_DIRS = ['entrypoints', 'components', 'utils'];
/** Where the translator is defined, not used: their `i18n.t(key…)` is a parameter, not a key. */
const DEFINITIONS = new Set(['utils/i18n.ts', 'utils/i18n-rich.tsx']);

/** The extension's .ts and .tsx files, relative to the repository root. */
function sourceFiles(): string[] {
  return SOURCE_DIRS.flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => `${dir}/${file.replaceAll('\\', '/')}`),
  ).filter((file) => !DEFINITIONS.has(file));
}

const yaml = (text: string) => parseMessagesText(text, 'YAML');
const en = (text: string) => ({ locale: 'en', messages: yaml(text) });
const zh = (text: string) => ({ locale: 'zh_CN', messages: yaml(text) });

describe('the locale files', () => {
  it('have the same keys, plural forms and placeholders in English and Simplified Chinese', async () => {
    const problems = compareLocales(
      { locale: 'en', messages: await parseMessagesFile(join(LOCALES, 'en.yml')) },
      { locale: 'zh_CN', messages: await parseMessagesFile(join(LOCALES, 'zh_CN.yml')) },
    );
    expect(problems).toEqual([]);
  });

  it('are English and Simplified Chinese only, and each names its own language', async () => {
    const files = readdirSync(LOCALES).sort();
    expect(files).toEqual(['en.yml', 'zh_CN.yml']);
    const lang = async (file: string) =>
      (await parseMessagesFile(join(LOCALES, file))).find((m) => m.key.join('.') === 'lang');
    expect(await lang('en.yml')).toMatchObject({ message: 'en' });
    expect(await lang('zh_CN.yml')).toMatchObject({ message: 'zh-CN' });
  });

  it('are written in their language: every Chinese message that has letters in English also has Chinese', async () => {
    // Catches an English string pasted into zh_CN.yml; product terms alone (QA Lens, API) are allowed.
    const untranslated = (await parseMessagesFile(join(LOCALES, 'zh_CN.yml')))
      .flatMap((m) => (m.type === 'plural' ? Object.values(m.plurals) : m.type === 'simple' ? [m.message] : []))
      .map((text) => text.replace(/\{[A-Za-z0-9_]+\}|QA Lens|API|SOP|JSON|Shadow DOM|shadow root|http\(s\)|qal_/g, ''))
      .filter((text) => /[A-Za-z]{3,}/.test(text) && !/[\u4e00-\u9fff]/.test(text));
    expect(untranslated).toEqual([]);
  });
});

describe('compareLocales', () => {
  it('names a key missing from either file', () => {
    expect(compareLocales(en('a: A\nb: B'), zh('a: 甲'))).toEqual(['b: missing in zh_CN']);
    expect(compareLocales(en('a: A'), zh('a: 甲\nc: 丙'))).toEqual(['c: only in zh_CN']);
  });

  it('names a nested key missing from the translation', () => {
    expect(compareLocales(en('g:\n  a: A\n  b: B'), zh('g:\n  a: 甲'))).toEqual(['g.b: missing in zh_CN']);
  });

  it('names a plural that lacks a form, in either file', () => {
    expect(compareLocales(en('n:\n  1: one\n  n: many'), zh('n:\n  1: 一'))).toEqual([
      'n: zh_CN has plural forms [1], needs [1,n] or [0,1,n]',
      'n[n]: form missing in zh_CN',
    ]);
    expect(compareLocales(en('n:\n  n: many'), zh('n:\n  1: 一\n  n: 多'))).toEqual([
      'n: en has plural forms [n], needs [1,n] or [0,1,n]',
      'n[1]: form missing in en',
    ]);
  });

  it('names a message that is plural in one language only', () => {
    expect(compareLocales(en('n:\n  1: one\n  n: many'), zh('n: 多'))).toEqual(['n: plural in en only']);
  });

  it('names a placeholder the translation dropped, renamed or added, in plain and plural messages', () => {
    expect(compareLocales(en('a: Hi {name}'), zh('a: 你好'))).toEqual(['a: placeholders {name} in en, none in zh_CN']);
    expect(compareLocales(en('a: Hi {name}'), zh('a: 你好 {nom}'))).toEqual([
      'a: placeholders {name} in en, {nom} in zh_CN',
    ]);
    expect(
      compareLocales(en("n:\n  1: '{count} item'\n  n: '{count} items'"), zh("n:\n  1: '{count} 个'\n  n: 多个")),
    ).toEqual(['n[n]: placeholders {count} in en, none in zh_CN']);
  });

  it('names an empty translation', () => {
    expect(compareLocales(en('a: A'), zh("a: ''"))).toEqual(['a: empty in zh_CN']);
  });

  it('accepts a faithful translation', () => {
    expect(
      compareLocales(
        en("a: Hi {name}\nn:\n  1: '{count} item'\n  n: '{count} items'"),
        zh("a: 你好，{name}\nn:\n  1: '{count} 个'\n  n: '{count} 个'"),
      ),
    ).toEqual([]);
  });

  it('reads named and positional placeholders', () => {
    expect(placeholders('{b} and {a}, $1 but not $$1')).toEqual(['$1', '{a}', '{b}']);
  });
});

describe('message keys in the source', () => {
  it('every key the extension asks for is in en.yml', async () => {
    const keys = new Set((await parseMessagesFile(join(LOCALES, 'en.yml'))).map((message) => message.key.join('.')));
    const found = sourceFiles().map((file) => keyUses(file, readFileSync(join(ROOT, file), 'utf8')));
    const uses = found.flatMap((f) => f.uses);
    expect(found.flatMap((f) => f.problems)).toEqual([]);
    expect(unknownKeys(uses, keys)).toEqual([]);
    // The scan reads the pages: a regex that matched nothing would pass the line above vacuously.
    expect(uses.filter((use) => use.file.startsWith('entrypoints/options/')).length).toBeGreaterThan(60);
    expect(uses).toContainEqual(expect.objectContaining({ file: 'entrypoints/popup/App.tsx', key: 'popup.lastSync' }));
  });

  it('names a key absent from the default locale, with file and line', () => {
    const source = "const a = i18n.t('popup.title');\nconst b = i18n.t(\n  'popup.nope',\n  { x: 1 },\n);";
    const { uses, problems } = keyUses('x.tsx', source);
    expect(problems).toEqual([]);
    expect(unknownKeys(uses, new Set(['popup.title']))).toEqual(['x.tsx:3: "popup.nope" is not in the default locale']);
  });

  it('checks a template key against the keys it can name, and refuses a key it cannot read', () => {
    const source = 'i18n.t(`verdict.${v}`); i18n.t(`nope.${v}`); richMessage(`a.b`, {}); i18n.t(cond ? "a" : "b");';
    const { uses, problems } = keyUses('x.tsx', source);
    expect(problems).toEqual(['x.tsx:1: the message key is not a literal']);
    expect(unknownKeys(uses, new Set(['verdict.correct', 'a.b']))).toEqual([
      'x.tsx:1: no key in the default locale matches `nope.${v}`',
    ]);
  });
});
