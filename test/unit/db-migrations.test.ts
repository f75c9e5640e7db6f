import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AppDB } from '../../utils/db/app-db';

/**
 * Every schema version the extension has shipped, oldest first. When AppDB
 * gains a version, add the old one here: the test opens a database at each
 * old version and checks AppDB upgrades it without losing rows.
 */
const SHIPPED_VERSIONS: { version: number; stores: Record<string, string> }[] = [
  { version: 1, stores: { items: '[site+itemKey], fetchedAt', meta: 'key' } },
  {
    version: 2,
    stores: {
      items: '[site+itemKey], fetchedAt',
      meta: 'key',
      adapters: 'id',
      rejectedAdapters: 'id',
      healthReports: '++seq, sent, pageUrl, adapterId',
    },
  },
  {
    version: 3,
    stores: {
      items: '[site+itemKey], fetchedAt',
      meta: 'key',
      adapters: 'id',
      rejectedAdapters: 'id',
      healthReports: '++seq, sent, pageUrl, adapterId',
      secrets: 'key',
    },
  },
  {
    version: 4,
    stores: {
      items: '[site+itemKey], fetchedAt',
      meta: 'key',
      adapters: 'id',
      rejectedAdapters: 'id',
      healthReports: '++seq, sent, pageUrl, adapterId',
      secrets: 'key',
      itemEvents: '[site+itemKey], fetchedAt',
    },
  },
  {
    version: 5,
    stores: {
      items: '[site+itemKey], fetchedAt',
      meta: 'key',
      adapters: 'id',
      rejectedAdapters: 'id',
      healthReports: '++seq, sent, pageUrl, adapterId',
      secrets: 'key',
      itemEvents: '[site+itemKey], fetchedAt',
      guidelineVersions: '[guidelineId+version], site, revision',
    },
  },
  {
    version: 6,
    stores: {
      items: '[site+itemKey], fetchedAt',
      meta: 'key',
      adapters: 'id',
      rejectedAdapters: 'id',
      healthReports: '++seq, sent, pageUrl, adapterId',
      secrets: 'key',
      itemEvents: '[site+itemKey], fetchedAt',
      guidelineVersions: '[guidelineId+version], site, revision',
      gapReports: 'id, [ownerId+createdAt], [ownerId+localState]',
      outbox: '[collection+id], [ownerId+nextAttemptAt]',
      reportDrafts: 'key, savedAt',
      reportScreenshots: 'reportId',
    },
  },
];

describe('IndexedDB schema', () => {
  for (const shipped of SHIPPED_VERSIONS) {
    it(`opens a database written by schema v${shipped.version} and keeps its items`, async () => {
      const name = `migrate-${shipped.version}-${Math.random()}`;
      const old = new Dexie(name);
      old.version(shipped.version).stores(shipped.stores);
      // Before v4 a cached item carried its events.
      const events = shipped.version < 4 ? { events: [] } : {};
      await old.table('items').put({ site: 's', itemKey: 'k', summary: {}, ...events, fetchedAt: 1 });
      old.close();

      const db = new AppDB(name);
      await db.open();
      expect(db.verno).toBeGreaterThanOrEqual(shipped.version);
      const item = await db.items.get(['s', 'k']);
      expect(item).toMatchObject({ fetchedAt: 1 });
      // v4 keeps summaries only: events moved to their own, paged table.
      expect(item).not.toHaveProperty('events');
      expect(await db.itemEvents.count()).toBe(0);
      // v5 adds guideline versions, empty until the first sync.
      expect(await db.guidelineVersions.count()).toBe(0);
      // v6 adds gap reports, their outbox, drafts and screenshots, empty and queryable by their indexes.
      expect(await db.gapReports.where('[ownerId+localState]').equals(['u', 'pending']).count()).toBe(0);
      expect(await db.outbox.where('[ownerId+nextAttemptAt]').between(['u', 0], ['u', 1]).count()).toBe(0);
      expect(await db.reportDrafts.orderBy('savedAt').count()).toBe(0);
      expect(await db.reportScreenshots.count()).toBe(0);
      // v7 adds surveys, answers and dismissals, empty and queryable by their indexes.
      expect(await db.surveys.orderBy('revision').count()).toBe(0);
      const answered = ['u', 's', 'site', 'k'];
      expect(await db.surveyResponses.where('[ownerId+surveyId+site+itemKey]').equals(answered).count()).toBe(0);
      expect(await db.surveyDismissals.get(['u', 's', 'site', 'k'])).toBeUndefined();
      await db.delete();
    });
  }

  it('keeps a v6 outbox entry and its report, and finds the entry by the v7 index per collection', async () => {
    const name = `migrate-outbox-${Math.random()}`;
    const old = new Dexie(name);
    old.version(6).stores(SHIPPED_VERSIONS.at(-1)!.stores);
    const entry = { collection: 'gapReports', id: 'r1', ownerId: 'u', attempts: 2, nextAttemptAt: 5, lastError: 'x' };
    await old.table('outbox').put(entry);
    await old.table('gapReports').put({ id: 'r1', ownerId: 'u', createdAt: 't', localState: 'pending' });
    old.close();

    const db = new AppDB(name);
    const byCollection = db.outbox.where('[ownerId+collection+nextAttemptAt]');
    expect(await byCollection.between(['u', 'gapReports', 0], ['u', 'gapReports', 10]).toArray()).toEqual([entry]);
    expect(await byCollection.between(['u', 'surveyResponses', 0], ['u', 'surveyResponses', 10]).count()).toBe(0);
    expect(await db.gapReports.get('r1')).toMatchObject({ localState: 'pending' });
    await db.delete();
  });
});
