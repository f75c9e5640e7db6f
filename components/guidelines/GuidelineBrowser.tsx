import { useLiveQuery } from 'dexie-react-hooks';
import MiniSearch from 'minisearch';
import { useId, useMemo, useState } from 'react';
import type { GuidelineSection } from '../../contract/guideline';
import type { StoredGuidelineVersion } from '../../utils/db/app-db';
import { getDb } from '../../utils/db/app-db';
import { formatNumber } from '../../utils/format';
import { allInForce } from '../../utils/guidelines/guideline-store';
import { i18n } from '../../utils/i18n';
import { SectionCard } from './SectionCard';

/** Results a search lists. */
const MAX_RESULTS = 20;

interface Entry {
  id: string;
  version: StoredGuidelineVersion;
  section: GuidelineSection;
}

/** One searchable document per section of every version in force. */
function buildIndex(versions: StoredGuidelineVersion[]): { search: MiniSearch<Entry>; entries: Map<string, Entry> } {
  const entries = new Map<string, Entry>();
  for (const version of versions) {
    for (const section of version.sections) {
      const id = `${version.guidelineId}/${version.version}/${section.id}`;
      entries.set(id, { id, version, section });
    }
  }
  const search = new MiniSearch<Entry>({
    fields: ['heading', 'body', 'tags'],
    extractField: (entry, field) => {
      if (field === 'id') return entry.id;
      const { section } = entry;
      if (field === 'heading') return section.heading;
      if (field === 'body') return section.body;
      return [...section.policies, ...section.categories, ...section.labels, ...section.keywords].join(' ');
    },
    searchOptions: { boost: { heading: 3, tags: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
  });
  search.addAll([...entries.values()]);
  return { search, entries };
}

/**
 * Full-text search over the guidelines in force, read from IndexedDB: it
 * works with the API stopped. Each hit shows its version and effective date.
 */
export function GuidelineBrowser({ now = new Date() }: { now?: Date }) {
  const versions = useLiveQuery(() => allInForce(getDb(), now), []);
  const index = useMemo(() => (versions ? buildIndex(versions) : null), [versions]);
  const [query, setQuery] = useState('');
  const inputId = useId();
  const hits = useMemo(() => {
    if (!index || query.trim() === '') return [];
    return index.search
      .search(query)
      .slice(0, MAX_RESULTS)
      .map((hit) => index.entries.get(String(hit.id))!);
  }, [index, query]);

  if (!versions) return <p className="muted">{i18n.t('common.loading')}</p>;
  if (versions.length === 0) return <p className="muted">{i18n.t('guidelines.noneSynced')}</p>;
  return (
    <section className="guideline-browser" aria-labelledby={`${inputId}-label`}>
      <label id={`${inputId}-label`} htmlFor={inputId}>
        {i18n.t('guidelines.searchLabel')}
      </label>
      <input
        id={inputId}
        type="search"
        value={query}
        placeholder={i18n.t('guidelines.searchPlaceholder')}
        onChange={(event) => setQuery(event.target.value)}
        data-testid="guideline-search"
      />
      {query.trim() !== '' && (
        <p className="muted" role="status" aria-live="polite">
          {i18n.t('guidelines.results', hits.length, { count: formatNumber(hits.length) })}
        </p>
      )}
      <div data-testid="guideline-results">
        {hits.map((hit) => (
          <SectionCard key={hit.id} version={hit.version} section={hit.section} headingLevel={4} />
        ))}
      </div>
    </section>
  );
}
