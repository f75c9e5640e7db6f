import { describe, expect, it } from 'vitest';
import type { StoredGuidelineVersion } from '../../utils/db/app-db';
import { sectionChanges } from '../../utils/guidelines/what-changed';

const section = (id: string, body: string, policies: string[] = []) => ({
  id,
  heading: id.toUpperCase(),
  body,
  policies,
  categories: [],
  labels: [],
  keywords: [],
});

const version = (name: string, effectiveFrom: string, revision: number, sections: ReturnType<typeof section>[]) =>
  ({
    guidelineId: 'handbook',
    site: 'demo',
    title: 'Handbook',
    version: name,
    effectiveFrom,
    publishedAt: effectiveFrom,
    publishedBy: 'admin.jo',
    digest: String(revision),
    revision,
    sections,
  }) satisfies StoredGuidelineVersion;

const v1 = version('v1', '2026-01-01T00:00:00.000Z', 1, [
  section('misinformation', 'Contested claims are removed.', ['misinformation']),
  section('spam', 'Phishing links are removed.', ['spam']),
]);
const v2 = version('v2', '2026-06-01T00:00:00.000Z', 2, [
  section('misinformation', 'Contested claims get a label, not removal.', ['misinformation']),
  section('spam', 'Phishing links are removed.', ['spam']),
  section('election', 'Election claims are escalated.', ['misinformation']),
]);

describe('sectionChanges', () => {
  it("shows the changed and added sections about the older events' policy, with a word diff", () => {
    const events = [
      { guidelineVersion: 'v1', policy: 'misinformation' },
      { guidelineVersion: 'v1', policy: 'misinformation' },
      { guidelineVersion: 'v2', policy: 'misinformation' },
    ];
    const changes = sectionChanges(events, [v1, v2], [v2]);
    expect(changes.map((c) => [c.sectionId, c.events, c.added, c.from.version, c.to.version])).toEqual([
      ['misinformation', 2, false, 'v1', 'v2'],
      ['election', 2, true, 'v1', 'v2'],
    ]);
    const body = changes[0]!.diff.body;
    const side = (kind: 'added' | 'removed') =>
      body
        .filter((p) => p.kind === 'same' || p.kind === kind)
        .map((p) => p.text)
        .join('');
    expect(side('removed')).toBe('Contested claims are removed.');
    expect(side('added')).toBe('Contested claims get a label, not removal.');
    expect(body.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['are removed']);
  });

  it('says nothing when every event was judged under the version in force, or the section did not change', () => {
    expect(sectionChanges([{ guidelineVersion: 'v2', policy: 'misinformation' }], [v1, v2], [v2])).toEqual([]);
    expect(sectionChanges([{ guidelineVersion: 'v1', policy: 'spam' }], [v1, v2], [v2])).toEqual([]);
    expect(sectionChanges([{ guidelineVersion: null, policy: 'spam' }], [v1, v2], [v2])).toEqual([]);
  });
});
