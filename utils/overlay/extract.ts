import { ITEM_FIELD_VALUE_MAX } from '../../contract/limits';
import type { FieldSource, ItemField, SiteAdapterInput, Transform } from '../../contract/adapter';

/** One item found on a page, with the fields its adapter reads. */
export interface ExtractedItem {
  site: string;
  itemKey: string;
  fields: Partial<Record<ItemField, string>>;
}

const patterns = new Map<string, RegExp>();

function compile(source: string): RegExp {
  let regex = patterns.get(source);
  if (!regex) patterns.set(source, (regex = new RegExp(source, 'u')));
  return regex;
}

/** Applies the fixed transforms in order; `number` keeps the first number or yields null. */
export function applyTransforms(value: string, transforms: readonly Transform[]): string | null {
  let out: string | null = value;
  for (const transform of transforms) {
    if (out === null) return null;
    switch (transform) {
      case 'trim':
        out = out.trim();
        break;
      case 'lowercase':
        out = out.toLowerCase();
        break;
      case 'uppercase':
        out = out.toUpperCase();
        break;
      case 'collapse-whitespace':
        out = out.replace(/\s+/gu, ' ');
        break;
      case 'number': {
        const match = /-?\d+(?:\.\d+)?/u.exec(out);
        out = match ? String(Number(match[0])) : null;
        break;
      }
    }
  }
  return out;
}

/** Keeps the `value` named group, else the first group, else the whole match. */
function applyPattern(value: string, pattern: string | undefined): string | null {
  if (pattern === undefined) return value;
  const match = compile(pattern).exec(value);
  if (!match) return null;
  return match.groups?.['value'] ?? match[1] ?? match[0];
}

function readRaw(source: FieldSource, item: Element, url: URL): string | null {
  if (source.from === 'url') {
    if (source.param !== undefined) return url.searchParams.get(source.param);
    return url[source.part ?? 'pathname'];
  }
  let target: Element | null = item;
  if (source.selector) {
    if (source.scope === 'page') target = item.ownerDocument.querySelector(source.selector);
    else target = item.matches(source.selector) ? item : item.querySelector(source.selector);
  }
  if (!target) return null;
  return source.from === 'attribute' ? target.getAttribute(source.name) : target.textContent;
}

/** Reads one value of an item, or null when the page does not have it. */
export function readSource(source: FieldSource, item: Element, url: URL): string | null {
  const raw = readRaw(source, item, url);
  if (raw === null) return null;
  const matched = applyPattern(raw, source.pattern);
  if (matched === null) return null;
  const value = applyTransforms(matched, source.transforms ?? ['trim']);
  return value === '' ? null : value;
}

/** Reads an item's key and fields; null when the element has no key. */
export function extractItem(adapter: SiteAdapterInput, element: Element, url: URL): ExtractedItem | null {
  const itemKey = readSource(adapter.item.key, element, url);
  if (itemKey === null) return null;
  const fields: ExtractedItem['fields'] = {};
  for (const [name, source] of Object.entries(adapter.item.fields ?? {}) as [ItemField, FieldSource][]) {
    const value = readSource(source, element, url);
    // Cut here, once: every message that carries fields takes at most this much of each.
    if (value !== null) fields[name] = clip(value);
  }
  return { site: adapter.site, itemKey, fields };
}

/** `value` cut to ITEM_FIELD_VALUE_MAX characters with an ellipsis, never between a surrogate pair. */
function clip(value: string): string {
  if (value.length <= ITEM_FIELD_VALUE_MAX) return value;
  let cut = value.slice(0, ITEM_FIELD_VALUE_MAX - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
