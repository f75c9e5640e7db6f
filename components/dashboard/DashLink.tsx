import type { MouseEvent, ReactNode } from 'react';
import { dashboardSearch, type DashboardView } from '../../utils/dashboard/view';
import type { GoTo } from '../../utils/hooks/use-url-view';

export type DashGo = GoTo<DashboardView>;

/**
 * A real link to a dashboard view (it opens in a new tab, can be copied, is read as a link); a plain
 * click shows the view in place instead of reloading the page.
 */
export function DashLink({
  view,
  go,
  children,
  label,
  testId,
}: {
  view: DashboardView;
  go: DashGo;
  children: ReactNode;
  /** An accessible name when the visible text alone is ambiguous (an "Events" link in every row). */
  label?: string;
  testId?: string;
}) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(view);
  };
  return (
    <a href={`?${dashboardSearch(view)}`} aria-label={label} data-testid={testId} onClick={onClick}>
      {children}
    </a>
  );
}
