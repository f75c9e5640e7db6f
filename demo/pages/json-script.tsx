/** @jsxImportSource hono/jsx */
import { raw } from 'hono/html';

/**
 * JSON safe inside a `<script>` element: the HTML parser ends a script at
 * `</script` whatever the JSON says, and entity-escaping would corrupt it
 * (script text is not decoded), so the characters that matter are written as
 * JSON `\u` escapes instead.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A `<script type="application/json">` data island that page scripts read with JSON.parse. */
export function JsonScript({ id, value }: { id: string; value: unknown }) {
  return (
    <script type="application/json" id={id}>
      {raw(jsonForScript(value))}
    </script>
  );
}
