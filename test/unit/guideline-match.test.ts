import { beforeAll, describe, expect, it } from 'vitest';
import { GuidelinePublishRequest, type GuidelineVersionRecord } from '../../contract';
import { generateSeed, type DemoSeed } from '../../demo/seed';
import { GuidelineMatcher, matcherFor, type MatchItem } from '../../utils/guidelines/match';
import { diffSections, diffText, type DiffPart } from '../../utils/guidelines/section-diff';

const ANCHOR = new Date('2026-03-01T00:00:00.000Z');

let seed: DemoSeed;
/** Every seeded version, as the extension stores them after a pull. */
let versions: GuidelineVersionRecord[];
let inForce: GuidelineVersionRecord[];

beforeAll(() => {
  seed = generateSeed({ anchor: ANCHOR });
  versions = seed.guidelines.map((input, index) => ({
    ...GuidelinePublishRequest.parse(input),
    publishedAt: ANCHOR.toISOString(),
    publishedBy: 'admin.jo',
    digest: 'd'.repeat(64),
    revision: index + 1,
  }));
  inForce = versions.filter((v) => v.version === 'mod-2026.3' || v.version === 'search-2026.2');
});

/** The policies an item's quality summary names: those of its seeded events. */
function policiesOf(site: string, itemKey: string): string[] {
  const policies = seed.events.filter((e) => e.site === site && e.itemKey === itemKey).map((e) => e.policy);
  return [...new Set(policies)].sort();
}

/** A moderation card as the demo adapter reads it (queue, title, category, label). */
function moderationItem(id: string): MatchItem {
  const item = seed.moderation.items.find((i) => i.id === id)!;
  return {
    site: seed.moderation.site,
    policies: policiesOf(seed.moderation.site, id),
    fields: { queue: item.queue, title: item.title, category: item.category, label: item.proposedLabel },
  };
}

/** A search result as the demo adapter reads it (query, title, URL, position). */
function searchItem(id: string): MatchItem {
  const task = seed.search.tasks.find((t) => t.results.some((r) => r.id === id))!;
  const result = task.results.find((r) => r.id === id)!;
  return {
    site: seed.search.site,
    policies: policiesOf(seed.search.site, id),
    fields: { query: task.query, title: result.title, resultUrl: result.url, position: result.position },
  };
}

describe('GuidelineMatcher on the demo items', () => {
  it.each([
    // Structured matches: the item's policy decides, whatever the text says.
    { id: 'VID-00583', tool: 'moderation', top: 'violence', reasons: ['policy', 'category', 'text'] },
    { id: 'PST-00268', tool: 'moderation', top: 'self-harm', reasons: ['policy', 'category', 'label', 'text'] },
    { id: 'LST-00147', tool: 'moderation', top: 'counterfeit', reasons: ['policy', 'label', 'text'] },
    { id: 'VID-00680', tool: 'moderation', top: 'hate-speech', reasons: ['policy'] },
    // "Best forex signals group" reads like hate speech to full text ("group"); its spam policy wins.
    { id: 'PST-00753', tool: 'moderation', top: 'spam', reasons: ['policy', 'label'] },
    // Never audited, so no policy: the proposed label ties nudity and violence, the title breaks it.
    { id: 'VID-00001', tool: 'moderation', top: 'nudity', reasons: ['label', 'text'] },
    // No policy, and category and label point nowhere: only full text finds "1:1 mirror".
    { id: 'LST-00182', tool: 'moderation', top: 'counterfeit', reasons: ['text'] },
    // Needs Met and Local queries share the policy; the query's words pick Local.
    { id: 'T-0001-R01', tool: 'search', top: 'local', reasons: ['policy', 'text'] },
    // Both policies, no telling words: the handbook's order decides, deterministically.
    { id: 'T-0019-R02', tool: 'search', top: 'needs-met', reasons: ['policy'] },
    // Never rated: "[UPDATED] … Click Here" is found by full text alone.
    { id: 'T-0046-R08', tool: 'search', top: 'page-quality', reasons: ['text'] },
  ])('ranks $top first for $id', ({ id, tool, top, reasons }) => {
    const item = tool === 'moderation' ? moderationItem(id) : searchItem(id);
    const [first] = new GuidelineMatcher(inForce).rank(item);
    expect(first?.section.id).toBe(top);
    expect(first?.reasons).toEqual(reasons);
    expect(first?.version).toBe(tool === 'moderation' ? 'mod-2026.3' : 'search-2026.2');
  });

  it('pins the checked items to the policies the demo gives them', () => {
    expect(moderationItem('PST-00753').policies).toEqual(['spam']);
    expect(moderationItem('LST-00182')).toMatchObject({
      policies: [],
      fields: { category: 'Electronics', label: 'approve' },
    });
    expect(searchItem('T-0046-R08').policies).toEqual([]);
  });

  it('ranks structured matches above any text score, policy before category before label', () => {
    const ranked = new GuidelineMatcher(inForce).rank(moderationItem('PST-00753'));
    expect(ranked.map((r) => [r.section.id, r.reasons])).toEqual([
      ['spam', ['policy', 'label']],
      ['hate-speech', ['label', 'text']],
      ['prohibited-goods', ['label']],
    ]);
    expect(ranked[1]!.textScore).toBeGreaterThan(ranked[0]!.textScore);
    const category = new GuidelineMatcher(inForce).rank({
      site: seed.moderation.site,
      policies: [],
      fields: { category: 'sports', label: 'remove' },
    });
    // Categories and labels compare without case; category outranks label.
    expect(category.map((r) => r.section.id)).toEqual(['violence', 'hate-speech', 'spam', 'prohibited-goods']);
  });

  it("only returns sections of the item's site, and none when nothing applies", () => {
    const matcher = new GuidelineMatcher(inForce);
    const other = { ...moderationItem('VID-00583'), site: 'elsewhere' };
    expect(matcher.rank(other)).toEqual([]);
    expect(matcher.rank({ site: seed.search.site, policies: [], fields: { title: 'zzqx' } })).toEqual([]);
    expect(matcher.rank(moderationItem('LST-00182'), 1)).toHaveLength(1);
  });

  it('matches against the version it is given: the older handbook ranks its own text', () => {
    const older = versions.filter((v) => v.version === 'mod-2026.2');
    const [first] = new GuidelineMatcher(older).rank(moderationItem('VID-00680'));
    expect(first?.version).toBe('mod-2026.2');
    expect(first?.section.body).toContain('§1.6 Counter-speech is allowed.');
  });

  it('gives the same order for the same input, whatever the order of the versions', () => {
    const items = ['VID-00583', 'PST-00753', 'VID-00001', 'LST-00182'].map(moderationItem);
    const forward = new GuidelineMatcher(inForce);
    const backward = new GuidelineMatcher([...inForce].reverse());
    for (const item of items) {
      expect(backward.rank(item, 20)).toEqual(forward.rank(item, 20));
      expect(forward.rank(item, 20)).toEqual(forward.rank(item, 20));
    }
  });

  it('builds the index once per set of versions and rebuilds when the set changes', () => {
    const first = matcherFor(inForce);
    expect(matcherFor([...inForce])).toBe(first);
    const older = versions.filter((v) => v.version === 'mod-2026.2' || v.version === 'search-2026.1');
    const second = matcherFor(older);
    expect(second).not.toBe(first);
    expect(second.rank(moderationItem('VID-00680'))[0]?.version).toBe('mod-2026.2');
  });
});

/** The text on one side of a diff: what was there before, or what is there after. */
const side = (parts: DiffPart[], which: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (which === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('diffSections', () => {
  const sectionOf = (version: string, id: string) =>
    versions.find((v) => v.version === version)!.sections.find((s) => s.id === id)!;

  it('shows what §5.3 lost and gained between mod-2026.2 and mod-2026.3, word by word', () => {
    const before = sectionOf('mod-2026.2', 'misinformation');
    const after = sectionOf('mod-2026.3', 'misinformation');
    const diff = diffSections(before, after);
    expect(diff.changed).toBe(true);
    expect(diff.heading).toEqual([{ kind: 'same', text: '5. Misinformation' }]);
    // §5.1 and §5.6 did not change, so each is inside one unchanged run.
    expect(diff.body).toEqual([
      { kind: 'same', text: '§5.1 Health claims naming a cure are removed.\n\n§5.3 Contested claims ' },
      { kind: 'removed', text: 'are removed when' },
      { kind: 'added', text: 'get' },
      { kind: 'same', text: ' a ' },
      { kind: 'removed', text: 'health authority disagrees with them' },
      { kind: 'added', text: 'label, not removal' },
      { kind: 'same', text: '. ' },
      { kind: 'added', text: '(Clarified in mod-2026.3.)\n\n' },
      { kind: 'same', text: '§5.6 Election-integrity claims go to escalation during the civic window.' },
    ]);
    // Unchanged runs carry the newer spacing: the old text comes back up to whitespace.
    const words = (text: string) => text.split(/\s+/);
    expect(words(side(diff.body, 'before'))).toEqual(words(before.body));
    expect(side(diff.body, 'after')).toBe(after.body);
  });

  it('says an unchanged section is unchanged, as one run of plain text', () => {
    const spam = sectionOf('mod-2026.2', 'spam');
    expect(diffSections(spam, sectionOf('mod-2026.3', 'spam'))).toEqual({
      changed: false,
      heading: [{ kind: 'same', text: spam.heading }],
      body: [{ kind: 'same', text: spam.body }],
    });
  });

  it('diffs a section missing on one side against empty text', () => {
    const local = sectionOf('search-2026.2', 'local');
    expect(diffSections(undefined, local)).toEqual({
      changed: true,
      heading: [{ kind: 'added', text: local.heading }],
      body: [{ kind: 'added', text: local.body }],
    });
    expect(diffSections(local, undefined).body).toEqual([{ kind: 'removed', text: local.body }]);
  });

  it('keeps markup as text: parts are strings to render with elements, never HTML', () => {
    const parts = diffText('<b>bold</b> stays', '<script>alert(1)</script> stays');
    expect(side(parts, 'after')).toBe('<script>alert(1)</script> stays');
    expect(parts.every((p) => typeof p.text === 'string' && ['added', 'removed', 'same'].includes(p.kind))).toBe(true);
  });
});
