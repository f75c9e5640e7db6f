import { format, formatDistance, type Locale } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import { browser } from 'wxt/browser';
import type { Role } from '../contract/auth';
import { i18n } from './i18n';

// Dates and numbers in the language of the text around them. Every function takes the language
// as its last parameter (a test seam); pages leave it out and get `formatLanguage()`.

/**
 * The language dates and numbers are written in: the browser's UI language when the messages
 * shown are in that language (so en-GB keeps its own conventions), else the messages' own
 * language. They can disagree: Chromium without its language pack for zh-CN shows the zh_CN
 * messages under `--lang=zh-CN` yet reports en-US as its UI language (measured on Debian's
 * Chromium 156), and a sentence in Chinese with an English date in it reads as a bug.
 */
export function formatLanguage(
  uiLanguage: string = browser.i18n.getUILanguage(),
  messagesLanguage: string = i18n.t('lang'),
): string {
  return primary(uiLanguage) === primary(messagesLanguage) ? uiLanguage : messagesLanguage;
}

function primary(language: string): string {
  return language.split(/[-_]/)[0]!.toLowerCase();
}

/** The date-fns locale for a language: only the languages QA Lens has messages in are bundled. */
export function dateLocale(language: string): Locale {
  return primary(language) === 'zh' ? zhCN : enUS;
}

/** "10,000" (en, zh-CN) or "10.000" (de): a count as the reader writes it. */
export function formatNumber(value: number, language = formatLanguage()): string {
  return new Intl.NumberFormat(language).format(value);
}

/** "12.5%": a ratio (0.125) as a percentage with at most `fractionDigits` decimals. */
export function formatPercent(ratio: number, fractionDigits = 1, language = formatLanguage()): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: fractionDigits }).format(ratio);
}

/** "a, b, c" / "a、b、c": a list of names, without a conjunction. */
export function formatList(items: readonly string[], language = formatLanguage()): string {
  return new Intl.ListFormat(language, { type: 'conjunction', style: 'narrow' }).format(items);
}

/** "Jan 3, 2026" / "2026-01-03": a day. */
export function formatDate(date: Date | string, language = formatLanguage()): string {
  return format(new Date(date), 'PP', { locale: dateLocale(language) });
}

/** "Jan 3, 2026, 2:05 PM" / "2026-01-03 下午 2:05": a moment, for a tooltip beside a relative time. */
export function formatDateTime(date: Date | string, language = formatLanguage()): string {
  return format(new Date(date), 'PPp', { locale: dateLocale(language) });
}

/**
 * "Oct 24, 2026, 2:15 PM" in the time zone `tz` (an IANA name), not the reader's own: a moment
 * shown beside calendar days counted in that zone must fall on the day it is listed under.
 */
export function formatDateTimeIn(date: Date | string, tz: string, language = formatLanguage()): string {
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: tz }).format(
      new Date(date),
    );
  } catch {
    return formatDateTime(date, language);
  }
}

/** "3 days ago" / "3 天前" (or "in 2 hours" for a date after `now`). */
export function formatTimeAgo(date: Date | string, now: Date = new Date(), language = formatLanguage()): string {
  return formatDistance(new Date(date), now, { addSuffix: true, locale: dateLocale(language) });
}

/** "moderator, analyst" / "审核员、分析师": a user's roles in words. */
export function formatRoles(roles: readonly Role[], language = formatLanguage()): string {
  return formatList(
    roles.map((role) => i18n.t(`roles.${role}`)),
    language,
  );
}
