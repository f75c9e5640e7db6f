import { useLiveQuery } from 'dexie-react-hooks';
import type { GapGuidelineRef, ItemField, QualityEvent } from '../../contract';
import { getDb } from '../../utils/db/app-db';
import { versionsInForce } from '../../utils/guidelines/guideline-store';
import { matchItemSections } from '../../utils/guidelines/item-sections';
import { sectionChanges } from '../../utils/guidelines/what-changed';
import { i18n } from '../../utils/i18n';
import { GuidelineBrowser } from './GuidelineBrowser';
import { SectionCard } from './SectionCard';
import { WhatChanged } from './WhatChanged';

/** Matched sections the panel shows in full. */
const MATCHED_SHOWN = 3;

/**
 * The guideline side of the item panel, all from IndexedDB (it works with
 * the API stopped): the sections in force that apply to the item, in full;
 * what changed in them since older verdicts; and the guideline browser.
 */
export function ItemGuidelines({
  site,
  fields,
  policies,
  events,
  onReport,
}: {
  /** Opens the report form about one of the sections shown. */
  onReport?: (guideline: GapGuidelineRef) => void;
  site: string;
  fields: Partial<Record<ItemField, string>>;
  policies: readonly string[];
  events: readonly QualityEvent[];
}) {
  const now = new Date();
  const data = useLiveQuery(async () => {
    const db = getDb();
    const [matched, inForce, all] = await Promise.all([
      matchItemSections(db, { site, policies, fields }, now, MATCHED_SHOWN),
      versionsInForce(db, site, now),
      db.guidelineVersions.where('site').equals(site).toArray(),
    ]);
    return {
      matched,
      changes: sectionChanges(
        events,
        all,
        inForce,
        matched.map((m) => m.section.id),
      ),
    };
    // Re-run when the item's events or fields change; the query also follows IndexedDB.
  }, [site, JSON.stringify(fields), policies.join('\u0000'), events.length, events[0]?.id]);

  return (
    <>
      <section data-testid="matched-sections" aria-labelledby="matched-title">
        <h2 id="matched-title">{i18n.t('guidelines.matched')}</h2>
        {!data ? (
          <p className="muted">{i18n.t('common.loading')}</p>
        ) : data.matched.length === 0 ? (
          <p className="muted">{i18n.t('guidelines.noMatch')}</p>
        ) : (
          data.matched.map(({ version, section }) => (
            <SectionCard
              key={`${version.guidelineId}/${section.id}`}
              version={version}
              section={section}
              onReport={
                onReport &&
                (() =>
                  onReport({
                    guidelineId: version.guidelineId,
                    version: version.version,
                    sectionId: section.id,
                    heading: section.heading,
                  }))
              }
            />
          ))
        )}
      </section>
      {data && <WhatChanged changes={data.changes} />}
      <section aria-labelledby="browser-title">
        <h2 id="browser-title">{i18n.t('guidelines.browser')}</h2>
        <GuidelineBrowser />
      </section>
    </>
  );
}
