import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';

/** The longest snippet a hover card shows, in characters. */
export const SNIPPET_MAX = 160;

/**
 * A section body's first sentence as plain text, for a one-line snippet. The
 * markdown is parsed (the same parser react-markdown uses) and only the text
 * of its first paragraph is kept: no markup survives, so the snippet can only
 * ever be text.
 */
export function snippetOf(markdown: string, max = SNIPPET_MAX): string {
  const tree = fromMarkdown(markdown);
  const first = tree.children.find((node) => node.type === 'paragraph') ?? tree;
  const text = toString(first, { includeHtml: false }).replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?(?:[.!?](?=\s|$)|[。！？]))/u.exec(text)?.[1] ?? text;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).trimEnd()}…`;
}
