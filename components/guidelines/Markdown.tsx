import type { AnchorHTMLAttributes } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';

/** Only these link targets survive: web links, and links relative to the page (which resolve to the extension). */
const SAFE_URL = /^(https?:\/\/|\/|\.{1,2}\/|#)/i;

/**
 * Keeps http(s) and relative links; anything else (`javascript:`, `data:`,
 * `vbscript:`, a protocol-relative `//host`) becomes no link at all.
 */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed.startsWith('//')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return /^https?:/i.test(trimmed) ? trimmed : undefined;
  return SAFE_URL.test(trimmed) || trimmed === '' || !trimmed.includes(':') ? trimmed : undefined;
}

function Link({ href, children, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { node?: unknown }) {
  delete rest.node;
  if (!href) return <span>{children}</span>;
  return (
    <a {...rest} href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

const COMPONENTS: Components = {
  a: Link,
  // Guideline bodies are text: images would fetch from anywhere the author named.
  img: ({ alt }) => <span>{alt}</span>,
};

/**
 * A guideline body rendered to React elements, never to an HTML string: raw
 * HTML in the markdown is dropped (`skipHtml`), links open in a new tab
 * without access to this page, and only http(s) and relative links survive.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown skipHtml urlTransform={(url) => safeUrl(url)} components={COMPONENTS}>
        {source}
      </ReactMarkdown>
    </div>
  );
}
