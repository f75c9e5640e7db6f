import { describe, expect, it } from 'vitest';
import {
  answerKey,
  answerOptions,
  fnv1a32,
  inSample,
  SurveyCreateRequest,
  surveyApplies,
  surveyMatches,
  SurveyPatch,
  SurveyResponseInput,
  zodDetails,
  type SurveyTargeting,
} from '../../contract';
import { answer, choiceSurvey, NOW, scaleSurvey, WINDOW, yesNoSurvey } from './survey-fixtures';

const SURVEY_ID = '0190a5b2-7c3e-7abc-8def-000000000001';

/** The `path: message` of each problem with `value`, or [] when it parses. */
function problems(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) {
  const result = schema.safeParse(value) as ReturnType<typeof SurveyCreateRequest.safeParse>;
  return result.success ? [] : zodDetails(result.error).map((d) => `${d.path}: ${d.message}`);
}

describe('survey input', () => {
  it('takes each kind with what it needs, and fills defaults', () => {
    expect(problems(SurveyCreateRequest, yesNoSurvey())).toEqual([]);
    expect(problems(SurveyCreateRequest, scaleSurvey())).toEqual([]);
    expect(problems(SurveyCreateRequest, choiceSurvey())).toEqual([]);
    const bare = SurveyCreateRequest.parse({ question: 'Clear?', kind: 'yes_no', window: WINDOW, responseCap: 1 });
    expect(bare).toEqual({
      question: 'Clear?',
      kind: 'yes_no',
      allowComment: false,
      target: { sites: [], queues: [], policies: [], sections: [], fields: [] },
      window: WINDOW,
      samplingRate: 1,
      responseCap: 1,
      status: 'draft',
    });
  });

  it('ties scale to scale surveys and options to choice surveys', () => {
    expect(problems(SurveyCreateRequest, scaleSurvey({ scale: undefined }))).toEqual([
      'scale: a scale survey needs scale {min, max}',
    ]);
    expect(problems(SurveyCreateRequest, yesNoSurvey({ scale: { min: 1, max: 5 } }))).toEqual([
      'scale: scale is only for kind "scale", not "yes_no"',
    ]);
    expect(problems(SurveyCreateRequest, choiceSurvey({ options: null }))).toEqual([
      'options: a choice survey needs 2 to 10 options',
    ]);
    expect(problems(SurveyCreateRequest, scaleSurvey({ options: choiceSurvey().options }))).toEqual([
      'options: options are only for kind "choice", not "scale"',
    ]);
  });

  it('bounds a scale to 2–11 points and a choice to 2–10 options with distinct ids', () => {
    expect(problems(SurveyCreateRequest, scaleSurvey({ scale: { min: 0, max: 10 } }))).toEqual([]);
    expect(problems(SurveyCreateRequest, scaleSurvey({ scale: { min: 0, max: 11 } }))).toEqual([
      'scale.max: a scale has 2 to 11 points (max − min + 1), not 12',
    ]);
    expect(problems(SurveyCreateRequest, scaleSurvey({ scale: { min: 3, max: 3 } }))).toEqual([
      'scale.max: a scale has 2 to 11 points (max − min + 1), not 1',
    ]);
    expect(problems(SurveyCreateRequest, scaleSurvey({ scale: { min: 1.5, max: 4 } }))).toHaveLength(1);
    const option = (n: number) => ({ id: `o${n}`, label: `Option ${n}` });
    const options = (count: number) => Array.from({ length: count }, (_, i) => option(i));
    expect(problems(SurveyCreateRequest, choiceSurvey({ options: options(10) }))).toEqual([]);
    expect(problems(SurveyCreateRequest, choiceSurvey({ options: options(11) }))).toHaveLength(1);
    expect(problems(SurveyCreateRequest, choiceSurvey({ options: options(1) }))).toHaveLength(1);
    expect(problems(SurveyCreateRequest, choiceSurvey({ options: [option(1), option(1)] }))).toEqual([
      'options.1.id: duplicate option id "o1"',
    ]);
    expect(
      problems(SurveyCreateRequest, choiceSurvey({ options: [option(1), { id: 'Big Id', label: 'x' }] })),
    ).toHaveLength(1);
  });

  it('refuses a window that ends before it starts, a rate outside (0, 1] and a cap outside 1–100,000', () => {
    const endsFirst = { startsAt: WINDOW.endsAt, endsAt: WINDOW.startsAt };
    expect(problems(SurveyCreateRequest, yesNoSurvey({ window: endsFirst }))).toEqual([
      'window.endsAt: endsAt must be after startsAt',
    ]);
    const instant = { startsAt: WINDOW.startsAt, endsAt: WINDOW.startsAt };
    expect(problems(SurveyCreateRequest, yesNoSurvey({ window: instant }))).toHaveLength(1);
    for (const samplingRate of [0, -0.1, 1.01]) {
      expect(problems(SurveyCreateRequest, yesNoSurvey({ samplingRate })), String(samplingRate)).toHaveLength(1);
    }
    expect(problems(SurveyCreateRequest, yesNoSurvey({ samplingRate: 0.0001 }))).toEqual([]);
    for (const responseCap of [0, 100_001, 2.5]) {
      expect(problems(SurveyCreateRequest, yesNoSurvey({ responseCap })), String(responseCap)).toHaveLength(1);
    }
    expect(problems(SurveyCreateRequest, yesNoSurvey({ responseCap: 100_000 }))).toEqual([]);
  });

  it('caps every targeting list and refuses a field named twice', () => {
    const many = Array.from({ length: 51 }, (_, i) => `q${i}`);
    const target = { sites: [], queues: many, policies: [], sections: [], fields: [] };
    expect(problems(SurveyCreateRequest, yesNoSurvey({ target }))).toEqual([
      'target.queues: Too big: expected array to have <=50 items',
    ]);
    const fields = [
      { field: 'category' as const, values: ['News'] },
      { field: 'category' as const, values: ['Sports'] },
    ];
    expect(problems(SurveyCreateRequest, yesNoSurvey({ target: { fields } }))).toEqual([
      'target.fields.1.field: field "category" twice',
    ]);
    expect(
      problems(SurveyCreateRequest, yesNoSurvey({ target: { fields: [{ field: 'category', values: [] }] } })),
    ).toHaveLength(1);
  });

  it('refuses NUL, lone surrogates, blank and over-long text, and keeps markup as text', () => {
    expect(problems(SurveyCreateRequest, yesNoSurvey({ question: 'Clear?\u0000' }))).toEqual([
      'question: contains a NUL character (\\u0000), which cannot be stored',
    ]);
    expect(problems(SurveyCreateRequest, yesNoSurvey({ question: 'half \ud800' }))).toEqual([
      'question: contains a lone UTF-16 surrogate, which is not valid Unicode',
    ]);
    expect(problems(SurveyCreateRequest, yesNoSurvey({ question: '   ' }))).toEqual([
      'question: the question is empty',
    ]);
    expect(problems(SurveyCreateRequest, yesNoSurvey({ question: 'x'.repeat(501) }))).toHaveLength(1);
    const markup = '<img src=x onerror=alert(1)>';
    expect(SurveyCreateRequest.parse(yesNoSurvey({ question: markup })).question).toBe(markup);
    const options = [
      { id: 'a', label: 'ok' },
      { id: 'b', label: 'bad\u0000' },
    ];
    expect(problems(SurveyCreateRequest, choiceSurvey({ options }))).toEqual([
      'options.1.label: contains a NUL character (\\u0000), which cannot be stored',
    ]);
    const target = { queues: ['posts\ud800'] };
    expect(problems(SurveyCreateRequest, yesNoSurvey({ target }))).toEqual([
      'target.queues.0: contains a lone UTF-16 surrogate, which is not valid Unicode',
    ]);
  });

  it('takes a patch of any one field without filling defaults, and refuses an empty one', () => {
    expect(SurveyPatch.parse({ question: 'New?' })).toEqual({ question: 'New?' });
    expect(SurveyPatch.parse({ status: 'closed', expectedRevision: 3 })).toEqual({
      status: 'closed',
      expectedRevision: 3,
    });
    expect(problems(SurveyPatch, {})).toEqual(['(root): change at least one field or the status']);
    expect(problems(SurveyPatch, { expectedRevision: 2 })).toEqual(['(root): change at least one field or the status']);
  });
});

describe('survey answers', () => {
  it('takes a number, an option id or a boolean, and checks the rest of the answer', () => {
    for (const value of [3, 'examples', false]) {
      expect(problems(SurveyResponseInput, answer(1, SURVEY_ID, { answer: value }))).toEqual([]);
    }
    expect(problems(SurveyResponseInput, answer(1, SURVEY_ID, { answer: null as never }))).toHaveLength(1);
    expect(problems(SurveyResponseInput, answer(1, SURVEY_ID, { comment: 'x'.repeat(1001) }))).toHaveLength(1);
    expect(problems(SurveyResponseInput, answer(1, SURVEY_ID, { comment: 'why\u0000' }))).toEqual([
      'comment: contains a NUL character (\\u0000), which cannot be stored',
    ]);
    const context = { ...answer(1, SURVEY_ID).context, pageUrl: 'javascript:alert(1)' };
    expect(problems(SurveyResponseInput, answer(1, SURVEY_ID, { context }))).toEqual([
      'context.pageUrl: an http(s) URL',
    ]);
    const { site: _site, ...noSite } = answer(1, SURVEY_ID).context;
    expect(problems(SurveyResponseInput, answer(1, SURVEY_ID, { context: noSite as never }))).toHaveLength(1);
  });

  it('names each kind’s answers and says which answers a survey takes', () => {
    const scale = SurveyCreateRequest.parse(scaleSurvey());
    const normal = { ...scale, scale: scale.scale ?? null, options: null };
    expect(answerOptions(normal)).toEqual([
      { key: '1', label: '1 (Not clear)' },
      { key: '2', label: '2' },
      { key: '3', label: '3' },
      { key: '4', label: '4' },
      { key: '5', label: '5 (Very clear)' },
    ]);
    expect([1, 5, 0, 6, 2.5, '3', true].map((a) => answerKey(normal, a))).toEqual([
      '1',
      '5',
      null,
      null,
      null,
      null,
      null,
    ]);
    const yesNo = { kind: 'yes_no' as const, scale: null, options: null };
    expect([true, false, 'yes', 1].map((a) => answerKey(yesNo, a))).toEqual(['yes', 'no', null, null]);
    const choice = { kind: 'choice' as const, scale: null, options: choiceSurvey().options! };
    expect(['none', 'other', true].map((a) => answerKey(choice, a))).toEqual(['none', null, null]);
    expect(answerOptions(choice).map((o) => o.key)).toEqual(['examples', 'definition', 'none']);
  });
});

describe('surveyMatches', () => {
  const survey = (target: Partial<SurveyTargeting['target']> = {}, rest: Partial<SurveyTargeting> = {}) => ({
    status: 'active' as const,
    window: WINDOW,
    target: { sites: [], queues: [], policies: [], sections: [], fields: [], ...target },
    ...rest,
  });
  const item = { site: 'demo-moderation', queue: 'posts', policy: 'hate_speech', sectionIds: ['hate-speech'] };

  it('matches any item when every list is empty, only while active, in its window and under its cap', () => {
    expect(surveyMatches(survey(), item, NOW)).toBe(true);
    expect(surveyMatches(survey({}, { status: 'draft' }), item, NOW)).toBe(false);
    expect(surveyMatches(survey({}, { status: 'closed' }), item, NOW)).toBe(false);
    expect(surveyMatches(survey({}, { capReached: true }), item, NOW)).toBe(false);
    expect(surveyMatches(survey(), item, new Date(WINDOW.startsAt))).toBe(true);
    expect(surveyMatches(survey(), item, new Date(Date.parse(WINDOW.startsAt) - 1))).toBe(false);
    expect(surveyMatches(survey(), item, new Date(WINDOW.endsAt))).toBe(false);
  });

  it('needs every non-empty list to hold the item’s value, and any one section of the item', () => {
    expect(surveyMatches(survey({ sites: ['demo-search', 'demo-moderation'] }), item, NOW)).toBe(true);
    expect(surveyMatches(survey({ sites: ['demo-search'] }), item, NOW)).toBe(false);
    expect(surveyMatches(survey({ queues: ['posts'] }), item, NOW)).toBe(true);
    expect(surveyMatches(survey({ queues: ['videos'] }), item, NOW)).toBe(false);
    expect(surveyMatches(survey({ queues: ['Posts'] }), item, NOW)).toBe(false);
    expect(surveyMatches(survey({ queues: ['posts'] }), { site: 'demo-moderation' }, NOW)).toBe(false);
    expect(surveyMatches(survey({ queues: ['posts'], policies: ['violence'] }), item, NOW)).toBe(false);
    expect(surveyMatches(survey({ sections: ['misinfo', 'hate-speech'] }), item, NOW)).toBe(true);
    expect(surveyMatches(survey({ sections: ['misinfo'] }), item, NOW)).toBe(false);
    expect(surveyMatches(survey({ sections: ['misinfo'] }), { ...item, sectionIds: null }, NOW)).toBe(false);
  });

  it('needs every field entry to hold the item’s field value', () => {
    const fields = [
      { field: 'category' as const, values: ['Commentary', 'Religion'] },
      { field: 'label' as const, values: ['remove'] },
    ];
    const withFields = (values: Record<string, string>) => ({ ...item, fields: values });
    expect(surveyMatches(survey({ fields }), withFields({ category: 'Religion', label: 'remove' }), NOW)).toBe(true);
    expect(surveyMatches(survey({ fields }), withFields({ category: 'Religion', label: 'approve' }), NOW)).toBe(false);
    expect(surveyMatches(survey({ fields }), withFields({ category: 'Religion' }), NOW)).toBe(false);
    expect(surveyMatches(survey({ fields }), item, NOW)).toBe(false);
  });
});

describe('inSample', () => {
  it('hashes with 32-bit FNV-1a over UTF-8 (the published test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
    // "é" is the UTF-8 bytes C3 A9 (computed independently); over its one UTF-16 unit it would be 0x6c0b6c44.
    expect(fnv1a32('é')).toBe(0x1e9de8c1);
  });

  it('decides the same every time, and takes everyone at rate 1 and no one near 0', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `PST-${i}`);
    const first = keys.map((key) => inSample(SURVEY_ID, 'mod.alex', 'demo-moderation', key, 0.5));
    expect(keys.map((key) => inSample(SURVEY_ID, 'mod.alex', 'demo-moderation', key, 0.5))).toEqual(first);
    expect(keys.every((key) => inSample(SURVEY_ID, 'mod.alex', 'demo-moderation', key, 1))).toBe(true);
    expect(keys.some((key) => inSample(SURVEY_ID, 'mod.alex', 'demo-moderation', key, 1e-9))).toBe(false);
    // A pair in at a rate stays in at any higher rate: raising the rate only adds people.
    const low = keys.filter((key) => inSample(SURVEY_ID, 'mod.alex', 'demo-moderation', key, 0.2));
    expect(low.every((key) => inSample(SURVEY_ID, 'mod.alex', 'demo-moderation', key, 0.6))).toBe(true);
  });

  it('samples close to the rate over users and items, and independently per survey', () => {
    const pairs = Array.from({ length: 20_000 }, (_, i) => [`user-${i % 40}`, `PST-${Math.floor(i / 40)}`] as const);
    for (const rate of [0.05, 0.3, 0.5, 0.9]) {
      const share = pairs.filter(([user, key]) => inSample(SURVEY_ID, user, 'demo-moderation', key, rate)).length;
      expect(Math.abs(share / pairs.length - rate), `rate ${rate}`).toBeLessThan(0.015);
    }
    const other = '0190a5b2-7c3e-7abc-8def-000000000002';
    const both = pairs.filter(
      ([user, key]) =>
        inSample(SURVEY_ID, user, 'demo-moderation', key, 0.5) && inSample(other, user, 'demo-moderation', key, 0.5),
    ).length;
    expect(Math.abs(both / pairs.length - 0.25)).toBeLessThan(0.015);
  });

  it('combines matching and sampling in surveyApplies', () => {
    const synced = {
      id: SURVEY_ID,
      status: 'active' as const,
      window: WINDOW,
      samplingRate: 0.5,
      target: { sites: [], queues: ['posts'], policies: [], sections: [], fields: [] },
    };
    const keys = Array.from({ length: 50 }, (_, i) => `PST-${i}`);
    const shown = keys.filter((itemKey) =>
      surveyApplies(synced, { site: 'demo-moderation', itemKey, queue: 'posts' }, 'mod.alex', NOW),
    );
    expect(shown).toEqual(keys.filter((key) => inSample(SURVEY_ID, 'mod.alex', 'demo-moderation', key, 0.5)));
    expect(shown.length).toBeGreaterThan(10);
    expect(
      surveyApplies(synced, { site: 'demo-moderation', itemKey: shown[0]!, queue: 'videos' }, 'mod.alex', NOW),
    ).toBe(false);
  });
});
