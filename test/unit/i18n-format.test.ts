import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatLanguage,
  formatList,
  formatNumber,
  formatPercent,
  formatRoles,
  formatTimeAgo,
} from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { richMessage } from '../../utils/i18n-rich';
import { useLocale } from '../support/fake-messages';

afterEach(() => {
  vi.restoreAllMocks();
});

// Noon UTC: the same calendar day in every time zone a test machine is likely to be in.
const JAN_3 = '2026-01-03T12:00:00Z';

describe('formatLanguage', () => {
  it('follows the messages when the UI language is another language (Chromium without its zh-CN pack)', () => {
    expect(formatLanguage('en-US', 'zh-CN')).toBe('zh-CN');
    expect(formatLanguage('de-DE', 'en')).toBe('en');
  });

  it("keeps the UI language's region when the messages are in its language", () => {
    expect(formatLanguage('en-GB', 'en')).toBe('en-GB');
    expect(formatLanguage('zh-CN', 'zh-CN')).toBe('zh-CN');
  });

  it('reads both from the browser by default', async () => {
    await useLocale('zh_CN.yml', 'en-US');
    expect(formatLanguage()).toBe('zh-CN');
    await useLocale('en.yml', 'en-GB');
    expect(formatLanguage()).toBe('en-GB');
  });
});

describe('dates', () => {
  it('says how long ago, in the language', () => {
    const now = new Date('2026-01-06T12:00:00Z');
    expect(formatTimeAgo(JAN_3, now, 'en')).toBe('3 days ago');
    expect(formatTimeAgo(JAN_3, now, 'zh-CN')).toBe('3 天前');
    expect(formatTimeAgo('2026-01-06T14:00:00Z', now, 'en')).toBe('in about 2 hours');
  });

  it('writes a day and a moment the way each language does', () => {
    expect(formatDate(JAN_3, 'en')).toBe('Jan 3, 2026');
    expect(formatDate(JAN_3, 'zh-CN')).toBe('2026-01-03');
    expect(formatDateTime(JAN_3, 'en')).toMatch(/^Jan 3, 2026, \d{1,2}:00 (AM|PM)$/);
    expect(formatDateTime(JAN_3, 'zh-CN')).toMatch(/^2026-01-03 \S+ \d{1,2}:00$/);
  });
});

describe('numbers and lists', () => {
  it('groups digits as the locale does', () => {
    expect(formatNumber(10000, 'en')).toBe('10,000');
    expect(formatNumber(10000, 'zh-CN')).toBe('10,000');
    expect(formatNumber(10000, 'de')).toBe('10.000');
  });

  it('writes a ratio as a percentage', () => {
    expect(formatPercent(0.125, 1, 'en')).toBe('12.5%');
    expect(formatPercent(0.5, 0, 'zh-CN')).toBe('50%');
  });

  it('joins names with the separator of the language', () => {
    expect(formatList(['a', 'b', 'c'], 'en')).toBe('a, b, c');
    expect(formatList(['a', 'b', 'c'], 'zh-CN')).toBe('a、b、c');
  });
});

describe('messages as the built extension returns them', () => {
  it('picks the plural form by count, with the count written for the locale', async () => {
    await useLocale('en.yml', 'en-US');
    expect(i18n.t('options.workbench.found', 1, { count: formatNumber(1) })).toBe('1 item found.');
    expect(i18n.t('options.workbench.found', 10000, { count: formatNumber(10000) })).toBe('10,000 items found.');
    await useLocale('zh_CN.yml', 'zh-CN');
    expect(i18n.t('options.workbench.found', 50, { count: formatNumber(50) })).toBe('找到 50 个条目。');
  });

  it('names roles in the language', async () => {
    await useLocale('zh_CN.yml', 'zh-CN');
    expect(formatRoles(['moderator', 'analyst'])).toBe('审核员、分析师');
    await useLocale('en.yml', 'en-US');
    expect(formatRoles(['moderator', 'analyst'])).toBe('moderator, analyst');
  });

  it('puts elements where the translation puts their slots, and never reads slots inside values', async () => {
    const render = () =>
      renderToStaticMarkup(
        createElement(
          'p',
          null,
          richMessage('options.account.signedInAs', {
            name: createElement('strong', null, 'Alex {roles}'),
            roles: formatRoles(['moderator']),
          }),
        ),
      );
    await useLocale('en.yml', 'en-US');
    expect(render()).toBe('<p>Signed in as <strong>Alex {roles}</strong> (moderator)</p>');
    await useLocale('zh_CN.yml', 'zh-CN');
    expect(render()).toBe('<p>已登录：<strong>Alex {roles}</strong>（审核员）</p>');
  });
});
