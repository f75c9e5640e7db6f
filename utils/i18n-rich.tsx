import { Fragment, type ReactNode } from 'react';
import { i18n, type MessageKeys } from './i18n';

/** `i18n.t` without the per-key typing: the slot names are only known at run time here. */
type UntypedT = (key: string, ...args: unknown[]) => string;

const SLOT = /(\{[A-Za-z0-9_]+\})/;

/**
 * A message whose `{name}` slots hold React elements ("Signed in as <strong>Alex</strong>"). The
 * translator keeps the whole sentence, so each element lands where the language puts it rather
 * than where English does. `count` picks the plural form, as in `i18n.t(key, count, …)`.
 */
export function richMessage(key: keyof MessageKeys, values: Record<string, ReactNode>, count?: number): ReactNode[] {
  // Fill each slot with itself, so the message comes back with its slots marked, then cut there.
  const marks = Object.fromEntries(Object.keys(values).map((name) => [name, `{${name}}`]));
  const t = i18n.t as unknown as UntypedT;
  const template = count === undefined ? t(key, marks) : t(key, count, marks);
  return template.split(SLOT).map((part, i) => {
    const name = part.startsWith('{') ? part.slice(1, -1) : undefined;
    return <Fragment key={i}>{name !== undefined && name in values ? values[name] : part}</Fragment>;
  });
}
