import { jsx } from 'hono/jsx';

/**
 * Renders a page component to HTML from plain .ts files (the repo's default
 * JSX runtime is React, so only the .tsx pages use hono/jsx syntax). Typed
 * props keep route handlers honest, which bare `jsx()` would not.
 */
export function renderPage<P extends object>(component: (props: P) => unknown, props: P): string | Promise<string> {
  return jsx(component, props as Record<string, unknown>).toString();
}
