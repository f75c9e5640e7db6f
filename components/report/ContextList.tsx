import type { GapReportContext } from '../../contract/gap-report';
import { i18n } from '../../utils/i18n';

/** The parts of a report's context, in the order the form lists them. */
export const CONTEXT_PARTS = [
  'pageUrl',
  'pageTitle',
  'site',
  'itemKey',
  'fields',
  'selection',
  'guideline',
  'proposedDecision',
] as const satisfies readonly (keyof GapReportContext)[];
export type ContextPart = (typeof CONTEXT_PARTS)[number];

/** One context part as text, the way the analyst will read it. */
function describe(part: ContextPart, context: GapReportContext): string {
  switch (part) {
    case 'fields':
      return Object.entries(context.fields ?? {})
        .map(([name, value]) => `${name}: ${value}`)
        .join(' · ');
    case 'guideline': {
      const g = context.guideline;
      return g ? [g.heading ?? g.sectionId, g.version].filter(Boolean).join(' · ') : '';
    }
    default:
      return String(context[part] ?? '');
  }
}

/**
 * What QA Lens filled in, shown before sending: each part as text with a Remove button, so the
 * reporter decides what leaves the page. Removed parts can be put back.
 */
export function ContextList({
  context,
  removed,
  onToggle,
}: {
  context: GapReportContext;
  removed: ReadonlySet<ContextPart>;
  onToggle: (part: ContextPart) => void;
}) {
  const present = CONTEXT_PARTS.filter((part) => describe(part, context) !== '');
  if (present.length === 0) return <p className="muted">{i18n.t('report.context.none')}</p>;
  return (
    <dl className="context-list" data-testid="report-context">
      {present.map((part) => {
        const gone = removed.has(part);
        return (
          <div key={part} className={gone ? 'context-part removed' : 'context-part'} data-part={part}>
            <dt>{i18n.t(`report.context.${part}`)}</dt>
            <dd>
              {gone ? (
                <s aria-label={i18n.t('report.context.removedLabel')}>{describe(part, context)}</s>
              ) : (
                describe(part, context)
              )}
              <button
                type="button"
                onClick={() => onToggle(part)}
                aria-label={
                  gone
                    ? i18n.t('report.context.restoreNamed', { part: i18n.t(`report.context.${part}`) })
                    : i18n.t('report.context.removeNamed', { part: i18n.t(`report.context.${part}`) })
                }
              >
                {gone ? i18n.t('report.context.restore') : i18n.t('report.context.remove')}
              </button>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
