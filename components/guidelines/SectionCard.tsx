import type { GuidelineSection, GuidelineVersionRecord } from '../../contract/guideline';
import { formatDate } from '../../utils/format';
import { i18n } from '../../utils/i18n';
import { Markdown } from './Markdown';

/** One guideline section in full: its heading, the version it belongs to and since when, and its body. */
export function SectionCard({
  version,
  section,
  headingLevel = 3,
  onReport,
}: {
  version: Pick<GuidelineVersionRecord, 'title' | 'version' | 'effectiveFrom'>;
  section: GuidelineSection;
  headingLevel?: 3 | 4;
  /** Offers "Report a gap in this section" when given. */
  onReport?: () => void;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article className="section-card" data-testid="section" data-section={section.id} data-version={version.version}>
      <Heading>{section.heading}</Heading>
      <p className="muted section-meta">
        {i18n.t('guidelines.versionLine', {
          title: version.title,
          version: version.version,
          date: formatDate(version.effectiveFrom),
        })}
      </p>
      <Markdown source={section.body} />
      {onReport && (
        <button
          type="button"
          onClick={onReport}
          aria-label={i18n.t('report.openSectionNamed', { heading: section.heading })}
          data-testid="report-section"
        >
          {i18n.t('report.openSection')}
        </button>
      )}
    </article>
  );
}
