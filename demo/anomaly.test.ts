import { describe, expect, it } from 'vitest';
import { GapReportInput } from '../contract';
import { DEMO_ANOMALY, DEMO_USERS, generateSeed } from './seed';

const ANCHOR = new Date('2026-03-01T00:00:00.000Z');
const DAY_MS = 86_400_000;
const seed = generateSeed({ anchor: ANCHOR });

/** Accuracy (QA audits and gold checks judged correct) of the events `keep` selects. */
function accuracy(keep: (e: (typeof seed.events)[number], daysAgo: number) => boolean): number {
  const judged = seed.events.filter(
    (e) =>
      ['qa_audit', 'gold_check'].includes(e.kind) && keep(e, (ANCHOR.getTime() - Date.parse(e.occurredAt)) / DAY_MS),
  );
  return judged.filter((e) => e.verdict === 'correct').length / judged.length;
}

describe('the demo anomaly', () => {
  const inWindow = (daysAgo: number) =>
    daysAgo <= DEMO_ANOMALY.changeDaysAgo && daysAgo > DEMO_ANOMALY.changeDaysAgo - DEMO_ANOMALY.days;

  it('drops Posts hate-speech accuracy in the two weeks after the change, and nothing else', () => {
    const postsHate = (e: (typeof seed.events)[number]) => e.queue === 'posts' && e.policy === 'hate_speech';
    expect(accuracy((e, d) => postsHate(e) && inWindow(d))).toBeLessThan(0.3);
    expect(accuracy((e, d) => postsHate(e) && d <= DEMO_ANOMALY.changeDaysAgo - DEMO_ANOMALY.days)).toBeGreaterThan(
      0.7,
    );
    expect(accuracy((e, d) => e.queue === 'videos' && e.policy === 'hate_speech' && inWindow(d))).toBeGreaterThan(0.7);
  });

  it('seeds gap reports the push contract accepts, by moderators other than the e2e tests’ Alex, with unique ids', () => {
    expect(seed.gapReports.length).toBeGreaterThan(25);
    for (const { report } of seed.gapReports) expect(GapReportInput.safeParse(report).success).toBe(true);
    expect(new Set(seed.gapReports.map((r) => r.report.id)).size).toBe(seed.gapReports.length);
    const moderators = DEMO_USERS.filter((u) => u.roles.includes('moderator')).map((u) => u.id);
    for (const { reporter } of seed.gapReports) {
      expect(moderators).toContain(reporter);
      expect(reporter).not.toBe('mod.alex');
    }
    const onSection = seed.gapReports.filter((r) => r.report.context?.guideline?.sectionId === DEMO_ANOMALY.sectionId);
    const after = onSection.filter((r) => inWindow((ANCHOR.getTime() - Date.parse(r.receivedAt)) / DAY_MS + 1));
    expect(after.length).toBeGreaterThan(3 * (onSection.length - after.length));
  });

  it('is deterministic', () => {
    expect(generateSeed({ anchor: ANCHOR }).gapReports).toEqual(seed.gapReports);
  });
});
