import { beforeAll, describe, expect, it } from 'vitest';
import { GuidelinePublishRequest } from '../contract';
import { MODERATION_HANDBOOK, SEARCH_GUIDELINES } from './data/guidelines';
import { DEMO_SITES, generateSeed, type DemoSeed } from './seed';

const ANCHOR = new Date('2026-03-01T00:00:00.000Z');

let seed: DemoSeed;
let versions: GuidelinePublishRequest[];

beforeAll(() => {
  seed = generateSeed({ anchor: ANCHOR });
  versions = seed.guidelines.map((v) => GuidelinePublishRequest.parse(v));
});

/** The seeded version of `site`'s guideline in force at `at`, if any. */
function inForce(site: string, at: string) {
  return versions
    .filter((v) => v.site === site && Date.parse(v.effectiveFrom) <= Date.parse(at))
    .sort((a, b) => Date.parse(b.effectiveFrom) - Date.parse(a.effectiveFrom))[0];
}

describe('demo guidelines', () => {
  it('seeds two versions per tool, oldest first, with the dates events switch versions on', () => {
    expect(versions.map((v) => [v.guidelineId, v.site, v.version, v.effectiveFrom])).toEqual([
      ['moderation-handbook', DEMO_SITES.moderation, 'mod-2026.2', '2025-12-31T00:00:00.000Z'],
      ['moderation-handbook', DEMO_SITES.moderation, 'mod-2026.3', '2026-01-30T00:00:00.000Z'],
      ['search-rating-guidelines', DEMO_SITES.search, 'search-2026.1', '2025-12-01T00:00:00.000Z'],
      ['search-rating-guidelines', DEMO_SITES.search, 'search-2026.2', '2026-01-15T00:00:00.000Z'],
    ]);
  });

  it('dates every event within the version it cites (mod-2026.1 predates the seeded handbook)', () => {
    const firstModeration = Date.parse(versions[0]!.effectiveFrom);
    const cited = new Map<string, number>();
    for (const event of seed.events) {
      const version = event.guidelineVersion!;
      cited.set(version, (cited.get(version) ?? 0) + 1);
      if (version === 'mod-2026.1') {
        expect(Date.parse(event.occurredAt), event.id).toBeLessThan(firstModeration);
        continue;
      }
      expect(inForce(event.site, event.occurredAt)?.version, event.id).toBe(version);
    }
    expect([...cited.keys()].sort()).toEqual([
      'mod-2026.1',
      'mod-2026.2',
      'mod-2026.3',
      'search-2026.1',
      'search-2026.2',
    ]);
  });

  it('tags sections with exactly the policies the events of their site use', () => {
    for (const site of Object.values(DEMO_SITES)) {
      const used = new Set(seed.events.filter((e) => e.site === site).map((e) => e.policy));
      for (const version of versions.filter((v) => v.site === site)) {
        const tagged = new Set(version.sections.flatMap((s) => s.policies));
        expect([...tagged].sort(), `${version.version}`).toEqual([...used].sort());
      }
    }
  });

  it('changes only the clarified sections between versions; the rest read the same', () => {
    const changed = (older: GuidelinePublishRequest, newer: GuidelinePublishRequest) => {
      expect(newer.sections.map((s) => s.id)).toEqual(older.sections.map((s) => s.id));
      return newer.sections.filter((s, i) => JSON.stringify(s) !== JSON.stringify(older.sections[i])).map((s) => s.id);
    };
    expect(changed(versions[0]!, versions[1]!)).toEqual(['hate-speech', 'misinformation']);
    expect(changed(versions[2]!, versions[3]!)).toEqual(['needs-met']);
    const contested = (v: GuidelinePublishRequest) => v.sections.find((s) => s.id === 'misinformation')!.body;
    expect(contested(versions[0]!)).toContain('§5.3 Contested claims are removed');
    expect(contested(versions[1]!)).toContain('§5.3 Contested claims get a label, not removal.');
  });

  it('shows the version in force on the demo pages', () => {
    expect(MODERATION_HANDBOOK.version).toBe(inForce(DEMO_SITES.moderation, ANCHOR.toISOString())!.version);
    expect(SEARCH_GUIDELINES.version).toBe(inForce(DEMO_SITES.search, ANCHOR.toISOString())!.version);
    expect(versions[1]!.sections.map((s) => s.body)).toEqual(
      MODERATION_HANDBOOK.sections.map((s) => s.paragraphs.join('\n\n')),
    );
  });
});
