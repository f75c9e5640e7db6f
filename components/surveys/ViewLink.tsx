import type { MouseEvent, ReactNode } from 'react';
import { surveyViewSearch, type SurveyView } from '../../utils/survey-admin/view';

/** Moves the page to a view: pushes its URL and shows it. */
export type Go = (view: SurveyView, notice?: string | null) => void;

/**
 * A real link to a view (it can be opened in a new tab, copied, read by a screen reader as a link);
 * a plain click shows the view in place instead of reloading the page.
 */
export function ViewLink({
  view,
  go,
  children,
  className,
  label,
}: {
  view: SurveyView;
  go: Go;
  children: ReactNode;
  className?: string;
  /** An accessible name when the visible text alone is ambiguous (an "Edit" in every row). */
  label?: string;
}) {
  const search = surveyViewSearch(view);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(view);
  };
  return (
    <a href={search ? `?${search}` : location.pathname} className={className} aria-label={label} onClick={onClick}>
      {children}
    </a>
  );
}
