import { OWN_TAG } from './discovery';

/**
 * A manual popover in the page's top layer, with a closed shadow root holding `css` and one
 * element of `className`: the page's overflow and stacking cannot hide it, its styles cannot
 * reach in, and discovery skips it (it is one of ours). Shown with `host.showPopover()`.
 */
export function createTopLayerHost(
  doc: Document,
  css: string,
  className: string,
): { host: HTMLElement; body: HTMLElement } {
  const host = doc.createElement(OWN_TAG);
  host.setAttribute('popover', 'manual');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = css;
  const body = doc.createElement('div');
  body.className = className;
  shadow.append(style, body);
  (doc.body ?? doc.documentElement).append(host);
  return { host, body };
}
