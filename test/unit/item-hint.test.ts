import { afterEach, describe, expect, it } from 'vitest';
import type { QualityEvent } from '../../contract';
import { AppDB, type StoredGuidelineVersion } from '../../utils/db/app-db';
import { itemHint } from '../../utils/guidelines/item-hint';

const NOW = new Date('2026-11-23T12:00:00.000Z');
const ref = { site: 'demo-moderation', itemKey: 'VID-1' };

const event = (
  id: string,
  kind: QualityEvent['kind'],
  verdict: QualityEvent['verdict'],
  daysAgo: number,
): QualityEvent => ({
  id,
  kind,
  site: ref.site,
  itemKey: ref.itemKey,
  queue: 'videos',
  policy: 'misinformation',
  decision: 'approve',
  verdict,
  correctedDecision: null,
  actor: null,
  auditor: null,
  occurredAt: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
  guidelineVersion: 'mod-2',
  note: null,
});

const handbook = (version: string, effectiveFrom: string, revision: number, body: string): StoredGuidelineVersion => ({
  guidelineId: 'handbook',
  site: ref.site,
  title: 'Handbook',
  version,
  effectiveFrom,
  publishedAt: effectiveFrom,
  publishedBy: 'admin.jo',
  digest: String(revision),
  revision,
  sections: [
    {
      id: 'spam',
      heading: '7. Spam',
      body: 'Phishing links are removed.',
      policies: ['spam'],
      categories: [],
      labels: [],
      keywords: [],
    },
    {
      id: 'misinformation',
      heading: '5. Misinformation',
      body,
      policies: ['misinformation'],
      categories: [],
      labels: [],
      keywords: [],
    },
  ],
});

let db: AppDB;
afterEach(async () => {
  await db.delete();
});

async function seeded(): Promise<AppDB> {
  db = new AppDB(`hint-${Math.random()}`);
  await db.guidelineVersions.bulkPut([
    handbook('mod-2', '2026-09-01T00:00:00.000Z', 1, 'Contested claims are **removed**. Always.'),
    handbook(
      'mod-3',
      '2026-10-01T00:00:00.000Z',
      2,
      'Contested claims get a [label](https://example.org), not removal. More.',
    ),
    // Published but not yet in force: the card must not cite it.
    handbook('mod-4', '2026-12-01T00:00:00.000Z', 3, 'Future wording.'),
  ]);
  return db;
}

describe('itemHint', () => {
  it('lists the three newest events in words and cites the clause in force as one line of text', async () => {
    const events = [
      event('e1', 'appeal', 'incorrect', 3),
      event('e2', 'qa_audit', 'correct', 10),
      event('e3', 'gold_check', 'partially_correct', 20),
      event('e4', 'qa_audit', 'incorrect', 30),
    ];
    const hint = await itemHint(
      {
        db: await seeded(),
        loadEvents: async () => ({ ...ref, events, hasMore: false, freshness: 'fresh' }),
        signedIn: async () => true,
        now: () => NOW,
      },
      ref,
      { title: 'A cure for everything' },
    );
    expect(hint.events).toEqual([
      { text: 'Overturned on appeal, 3 days ago', verdict: 'incorrect' },
      { text: 'QA audit found it correct, 10 days ago', verdict: 'correct' },
      { text: 'Gold check partly passed, 20 days ago', verdict: 'partially_correct' },
    ]);
    expect(hint.note).toBeNull();
    expect(hint.clause).toEqual({
      guidelineId: 'handbook',
      sectionId: 'misinformation',
      heading: '5. Misinformation',
      version: 'mod-3',
      snippet: 'Contested claims get a label, not removal.',
    });
  });

  it('still cites the clause from IndexedDB when the API cannot give the events, and says why', async () => {
    const deps = {
      db: await seeded(),
      loadEvents: () => Promise.reject(new Error('Cannot reach the QA Lens API')),
      now: () => NOW,
    };
    const offline = await itemHint({ ...deps, signedIn: async () => true }, ref, { title: 'Contested claims' });
    expect(offline.events).toEqual([]);
    expect(offline.note).toBe("The history cannot be loaded right now; showing the badge's counts.");
    expect(offline.clause?.sectionId).toBe('misinformation');
    const signedOut = await itemHint({ ...deps, signedIn: async () => false }, ref, {});
    expect(signedOut.note).toBe("Sign in to see this item's history.");
  });
});
