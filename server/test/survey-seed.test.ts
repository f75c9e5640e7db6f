import { expect, it } from 'vitest';
import { surveyMatches } from '../../contract';
import { DEMO_SURVEY_ID, DEMO_USERS, generateSeed } from '../../demo/seed';
import { seedDatabase } from '../seed';
import { describeEachDatabase } from './databases';
import { useTestApp } from './harness';
import { surveyApi } from './survey-fixtures';

const ANCHOR = new Date('2026-03-01T00:00:00.000Z');

it('gives the demo one survey, the same on every run, on the Posts queue of the moderation console', () => {
  const seed = generateSeed({ anchor: ANCHOR });
  expect(generateSeed({ anchor: ANCHOR }).surveys).toEqual(seed.surveys);
  expect(seed.surveys).toEqual([
    {
      id: DEMO_SURVEY_ID,
      createdBy: 'analyst.riley',
      question: 'Was the hate-speech section clear for this item?',
      kind: 'yes_no',
      allowComment: true,
      target: { sites: ['demo-moderation'], queues: ['posts'], policies: [], sections: [], fields: [] },
      window: { startsAt: '2026-02-28T00:00:00.000Z', endsAt: '2027-03-01T00:00:00.000Z' },
      samplingRate: 1,
      responseCap: 10_000,
      status: 'active',
    },
  ]);
  // The survey's author is a demo analyst, and its queue is one of the console's.
  expect(DEMO_USERS.find((user) => user.id === seed.surveys[0]!.createdBy)?.roles).toEqual(['analyst']);
  expect(seed.moderation.queues.map((queue) => queue.id)).toContain('posts');
});

describeEachDatabase('demo survey seed', (database) => {
  const t = useTestApp(database, { now: () => new Date('2026-03-01T09:00:00.000Z') });
  const api = surveyApi(t);

  it('is stored once, survives restarts unchanged, and reaches clients to match Posts items only', async () => {
    const seed = generateSeed({ anchor: ANCHOR });
    const demo = { users: seed.users, events: [], surveys: seed.surveys };
    await seedDatabase(t.db, demo);
    const mod = await t.caller('mod.alex', ['moderator']);
    const first = await api.sync(mod.token);
    // A restart on a later day leaves the stored survey (and its window) as it was.
    await seedDatabase(t.db, {
      ...demo,
      surveys: generateSeed({ anchor: new Date('2026-03-05T00:00:00.000Z') }).surveys,
    });
    expect(await api.sync(mod.token)).toEqual(first);

    const [survey] = first.surveys;
    expect(survey).toMatchObject({ id: DEMO_SURVEY_ID, status: 'active', capReached: false });
    const now = new Date('2026-03-01T09:00:00.000Z');
    const item = (queue: string) => ({ site: 'demo-moderation', queue });
    expect(surveyMatches(survey!, item('posts'), now)).toBe(true);
    expect(surveyMatches(survey!, item('videos'), now)).toBe(false);
    expect(surveyMatches(survey!, { site: 'demo-search', queue: 'posts' }, now)).toBe(false);
  });
});
