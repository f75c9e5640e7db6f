import type { ParsedMessage } from '@wxt-dev/i18n/build';

// Checks on the message files and on the source that uses them, as plain functions from text to
// a list of problems, so a test can prove each check fires on a bad input before trusting a clean run.

/** The forms a plural message may have, as @wxt-dev/i18n picks them: "1 | n" or "0 | 1 | n". */
const PLURAL_FORMS = ['1,n', '0,1,n'];

/** `{name}` slots and `$1` substitutions in one message, sorted: what every translation must keep. */
export function placeholders(message: string): string[] {
  const named = [...message.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map(([, name]) => `{${name}}`);
  const positional = [...message.matchAll(/(?<!\$)\$([1-9])/g)].map(([, n]) => `$${n}`);
  return [...new Set([...named, ...positional])].sort();
}

/** A message's texts: one for a simple message, one per form ("1", "n") for a plural one. */
function forms(message: ParsedMessage): Record<string, string> {
  return message.type === 'plural' ? message.plurals : { '': message.message };
}

/** What is wrong between the default locale's messages and one translation; empty when nothing is. */
export function compareLocales(
  base: { locale: string; messages: ParsedMessage[] },
  other: { locale: string; messages: ParsedMessage[] },
): string[] {
  const problems: string[] = [];
  const byKey = (messages: ParsedMessage[]) => new Map(messages.map((m) => [m.key.join('.'), m]));
  const [baseKeys, otherKeys] = [byKey(base.messages), byKey(other.messages)];
  for (const key of otherKeys.keys()) if (!baseKeys.has(key)) problems.push(`${key}: only in ${other.locale}`);

  for (const [key, want] of baseKeys) {
    const got = otherKeys.get(key);
    if (!got) {
      problems.push(`${key}: missing in ${other.locale}`);
      continue;
    }
    if ((want.type === 'plural') !== (got.type === 'plural')) {
      problems.push(`${key}: plural in ${want.type === 'plural' ? base.locale : other.locale} only`);
      continue;
    }
    const [wantForms, gotForms] = [forms(want), forms(got)];
    if (want.type === 'plural')
      for (const [locale, texts] of [
        [base.locale, wantForms],
        [other.locale, gotForms],
      ] as const) {
        const names = Object.keys(texts).join(',');
        if (!PLURAL_FORMS.includes(names))
          problems.push(`${key}: ${locale} has plural forms [${names}], needs [1,n] or [0,1,n]`);
      }
    for (const form of new Set([...Object.keys(wantForms), ...Object.keys(gotForms)])) {
      const label = form ? `${key}[${form}]` : key;
      const [text, translated] = [wantForms[form], gotForms[form]];
      if (text === undefined || translated === undefined) {
        problems.push(`${label}: form missing in ${text === undefined ? base.locale : other.locale}`);
        continue;
      }
      if (text.trim() === '') problems.push(`${label}: empty in ${base.locale}`);
      if (translated.trim() === '') problems.push(`${label}: empty in ${other.locale}`);
      const [a, b] = [placeholders(text).join(' ') || 'none', placeholders(translated).join(' ') || 'none'];
      if (a !== b) problems.push(`${label}: placeholders ${a} in ${base.locale}, ${b} in ${other.locale}`);
    }
  }

  // Chrome's message names are case-insensitive, and @wxt-dev/i18n turns dots into underscores.
  for (const { locale, messages } of [base, other]) {
    const names = new Map<string, string>();
    for (const message of messages) {
      const key = message.key.join('.');
      const clash = names.get(message.key.join('_').toLowerCase());
      if (clash) problems.push(`${key}: same Chrome message name as ${clash} in ${locale}`);
      names.set(message.key.join('_').toLowerCase(), key);
    }
  }
  return problems;
}

/** One place in the source that asks for a message. */
export interface KeyUse {
  file: string;
  line: number;
  /** The key as written: a literal, or a template such as `verdict.${verdict}`. */
  key: string;
  template: boolean;
}

/** Calls that take a message key as their first argument. */
const CALL = /\b(?:i18n\.t|richMessage)\(\s*/g;

/**
 * Every message key a source file asks for. A first argument that is not a string or template
 * literal is reported as a problem: a key the scan cannot read is a key nobody checks.
 */
export function keyUses(file: string, source: string): { uses: KeyUse[]; problems: string[] } {
  const uses: KeyUse[] = [];
  const problems: string[] = [];
  for (const match of source.matchAll(CALL)) {
    const start = match.index + match[0].length;
    const line = source.slice(0, start).split('\n').length;
    const literal = /^(['"])([^'"\n]*)\1|^`([^`\n]*)`/.exec(source.slice(start));
    if (!literal) {
      problems.push(`${file}:${line}: the message key is not a literal`);
      continue;
    }
    const template = literal[3] !== undefined;
    uses.push({ file, line, key: template ? literal[3]! : literal[2]!, template });
  }
  return { uses, problems };
}

/** The uses whose key is in none of `keys`; a template key must match at least one. */
export function unknownKeys(uses: KeyUse[], keys: Set<string>): string[] {
  const problems: string[] = [];
  for (const use of uses) {
    if (!use.template) {
      if (!keys.has(use.key)) problems.push(`${use.file}:${use.line}: "${use.key}" is not in the default locale`);
      continue;
    }
    // The type of `i18n.t` checks every value a template can take; here it must at least name a group.
    const pattern = new RegExp(
      `^${use.key
        .split(/\$\{[^}]*\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[A-Za-z0-9_]+')}$`,
    );
    if (![...keys].some((key) => pattern.test(key)))
      problems.push(`${use.file}:${use.line}: no key in the default locale matches \`${use.key}\``);
  }
  return problems;
}
