import { useEffect, useRef } from 'react';

/**
 * Moves focus to the heading of a view shown in place (not on the first load), so a keyboard or
 * screen-reader user starts where the new view starts, as after a page load.
 */
export function useFocusOnViewChange(viewKey: string): void {
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (shown.current !== null && shown.current !== viewKey) {
      const heading = document.querySelector<HTMLElement>('main h2');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus();
      }
    }
    shown.current = viewKey;
  }, [viewKey]);
}
