import type { DiffPart } from '../../utils/guidelines/section-diff';
import type { SectionChange } from '../../utils/guidelines/what-changed';
import { i18n } from '../../utils/i18n';

/** Text before and after, word by word: removed words struck through, added words marked. */
export function DiffText({ parts }: { parts: DiffPart[] }) {
  return (
    <p className="diff" data-testid="diff">
      {parts.map((part, i) => {
        if (part.kind === 'same') return <span key={i}>{part.text}</span>;
        const Mark = part.kind === 'added' ? 'ins' : 'del';
        return (
          <Mark key={i}>
            <span className="sr-only">
              {part.kind === 'added' ? i18n.t('guidelines.diffAdded') : i18n.t('guidelines.diffRemoved')}
            </span>
            {part.text}
          </Mark>
        );
      })}
    </p>
  );
}

/** "What changed": the sections that changed since the version some of an item's events were judged under. */
export function WhatChanged({ changes }: { changes: SectionChange[] }) {
  if (changes.length === 0) return null;
  const byFrom = new Map<string, SectionChange[]>();
  for (const change of changes) byFrom.set(change.from.version, [...(byFrom.get(change.from.version) ?? []), change]);
  return (
    <section className="what-changed" data-testid="what-changed" aria-labelledby="what-changed-title">
      <h2 id="what-changed-title">{i18n.t('guidelines.changedTitle')}</h2>
      {[...byFrom.values()].map((group) => {
        const [first] = group;
        return (
          <div key={first!.from.version}>
            <p className="muted">
              {i18n.t('guidelines.changedIntro', first!.events, {
                count: first!.events,
                from: first!.from.version,
                to: first!.to.version,
              })}
            </p>
            {group.map((change) => (
              <article key={change.sectionId} className="section-card" data-section={change.sectionId}>
                <h3>
                  {change.added
                    ? i18n.t('guidelines.addedSection', { heading: change.heading, to: change.to.version })
                    : change.removed
                      ? i18n.t('guidelines.removedSection', { heading: change.heading, to: change.to.version })
                      : i18n.t('guidelines.changedSection', {
                          heading: change.heading,
                          from: change.from.version,
                          to: change.to.version,
                        })}
                </h3>
                <DiffText parts={change.diff.body} />
              </article>
            ))}
          </div>
        );
      })}
    </section>
  );
}
