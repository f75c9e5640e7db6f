import type { GuidelineSection, QualityEvent } from '../../contract';
import type { StoredGuidelineVersion } from '../db/app-db';
import { diffSections, type SectionDiff } from './section-diff';

/** A section that changed between the version an item's events were judged under and the one in force. */
export interface SectionChange {
  guidelineId: string;
  sectionId: string;
  heading: string;
  /** The version the events were judged under, and the one in force now. */
  from: Pick<StoredGuidelineVersion, 'version' | 'effectiveFrom' | 'title'>;
  to: Pick<StoredGuidelineVersion, 'version' | 'effectiveFrom' | 'title'>;
  /** How many of the item's events were judged under `from`. */
  events: number;
  /** The section's heading and body, word by word: what stayed, what was removed, what was added. */
  diff: SectionDiff;
  /** True when the section is new in `to` or gone from it. */
  added: boolean;
  removed: boolean;
}

/**
 * For events judged under an older guideline version than the one in force,
 * the sections that changed since: those about the events' policies, and
 * those the item was matched to (`sectionIds`). Unchanged sections are left
 * out; a section that was added or removed is shown whole.
 */
export function sectionChanges(
  events: readonly Pick<QualityEvent, 'guidelineVersion' | 'policy'>[],
  versions: readonly StoredGuidelineVersion[],
  inForce: readonly StoredGuidelineVersion[],
  sectionIds: readonly string[] = [],
): SectionChange[] {
  const byName = new Map(versions.map((v) => [v.version, v]));
  const current = new Map(inForce.map((v) => [v.guidelineId, v]));
  /** Per older version: how many events, and their policies. */
  const judged = new Map<string, { count: number; policies: Set<string> }>();
  for (const event of events) {
    const old = event.guidelineVersion ? byName.get(event.guidelineVersion) : undefined;
    const now = old && current.get(old.guidelineId);
    if (!old || !now || now.version === old.version) continue;
    const entry = judged.get(old.version) ?? { count: 0, policies: new Set<string>() };
    entry.count += 1;
    entry.policies.add(event.policy);
    judged.set(old.version, entry);
  }
  const changes: SectionChange[] = [];
  for (const [name, { count, policies }] of judged) {
    const old = byName.get(name)!;
    const now = current.get(old.guidelineId)!;
    const concerns = (section: GuidelineSection) =>
      sectionIds.includes(section.id) || section.policies.some((policy) => policies.has(policy));
    const ids = new Set([...old.sections, ...now.sections].filter(concerns).map((section) => section.id));
    for (const id of ids) {
      const before = old.sections.find((section) => section.id === id);
      const after = now.sections.find((section) => section.id === id);
      const diff = diffSections(before, after);
      if (!diff.changed) continue;
      changes.push({
        guidelineId: old.guidelineId,
        sectionId: id,
        heading: (after ?? before)!.heading,
        from: { version: old.version, effectiveFrom: old.effectiveFrom, title: old.title },
        to: { version: now.version, effectiveFrom: now.effectiveFrom, title: now.title },
        events: count,
        diff,
        added: !before,
        removed: !after,
      });
    }
  }
  return changes;
}
