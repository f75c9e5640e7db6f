import { parse } from 'csv-parse/sync';
import { beforeEach, expect, it } from 'vitest';
import {
  answerKey,
  answerOptions,
  SurveyGroupBy,
  type Survey,
  type SurveyResponseInput,
  type SurveyResults,
} from '../../contract';
import { createRng } from '../../demo/data/prng';
import { describeEachDatabase } from './databases';
import { useTestApp, type Caller } from './harness';
import { answer, choiceSurvey, NOW, responseId, scaleSurvey, surveyApi, yesNoSurvey } from './survey-fixtures';

/** The answers' context parts results group by, as the recount reads them. */
const GROUP_PART = {
  site: (r: SurveyResponseInput) => r.context.site,
  queue: (r: SurveyResponseInput) => r.context.queue ?? null,
  policy: (r: SurveyResponseInput) => r.context.policy ?? null,
  section: (r: SurveyResponseInput) => r.context.sectionId ?? null,
} as const;

/** The results recounted in plain TypeScript from the answers that were accepted. */
function recount(survey: Survey, accepted: SurveyResponseInput[], groupBy?: SurveyGroupBy): SurveyResults {
  const options = answerOptions(survey);
  const tally = (part: SurveyResponseInput[]) => {
    const keys = part.map((r) => answerKey(survey, r.answer)!);
    const sum = part.reduce((acc, r) => acc + (typeof r.answer === 'number' ? r.answer : 0), 0);
    return {
      total: part.length,
      counts: options.map((o) => ({ key: o.key, count: keys.filter((k) => k === o.key).length })),
      mean: survey.kind === 'scale' && part.length > 0 ? sum / part.length : null,
      comments: part.filter((r) => r.comment?.trim()).length,
    };
  };
  const groups = new Map<string | null, SurveyResponseInput[]>();
  if (groupBy)
    for (const r of accepted) groups.set(GROUP_PART[groupBy](r), [...(groups.get(GROUP_PART[groupBy](r)) ?? []), r]);
  return {
    surveyId: survey.id,
    kind: survey.kind,
    options,
    overall: tally(accepted),
    groupBy: groupBy ?? null,
    groups: [...groups]
      .map(([value, part]) => ({ value, ...tally(part) }))
      .sort((a, b) => b.total - a.total || (a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : 1)),
  };
}

/** The bytes of a CSV response as text, the byte-order mark checked and dropped. */
async function csvRows(res: Response): Promise<string[][]> {
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parse(text.slice(1)) as string[][];
}

describeEachDatabase('survey results', (database) => {
  const t = useTestApp(database, { now: () => NOW });
  const api = surveyApi(t);
  let ana: Caller;
  let people: Caller[];

  beforeEach(async () => {
    ana = await t.caller('ana.analyst', ['analyst']);
    people = [];
    for (const [n, role] of (['moderator', 'moderator', 'evaluator', 'moderator', 'evaluator'] as const).entries()) {
      people.push(await t.caller(`person.${n}`, [role]));
    }
  });

  /**
   * Pushes `count` seeded random answers from five people over sites, queues, policies and sections
   * (some parts missing), including retries and second answers the API must not count; returns the
   * answers it accepted.
   */
  async function answerAtRandom(survey: Survey, count: number, seed: number): Promise<SurveyResponseInput[]> {
    const rng = createRng(seed);
    const keys = answerOptions(survey).map((o) => o.key);
    const valueOf = (key: string) =>
      survey.kind === 'scale' ? Number(key) : survey.kind === 'yes_no' ? key === 'yes' : key;
    const accepted: SurveyResponseInput[] = [];
    for (let start = 0; start < count; start += 50) {
      const byPerson = new Map<number, SurveyResponseInput[]>();
      for (let n = start; n < Math.min(count, start + 50); n += 1) {
        const person = rng.int(0, people.length - 1);
        const base = answer(seed * 10_000 + n, survey.id);
        const response: SurveyResponseInput = {
          ...base,
          answer: valueOf(rng.pick(keys)),
          comment: rng.chance(0.3) ? rng.pick(['Unclear', '=SUM(A1)', '  ', '王小明 thinks so']) : null,
          context: {
            ...base.context,
            site: rng.pick(['demo-moderation', 'demo-search']),
            // Items repeat across answers, so some are second answers by the same person.
            itemKey: `item-${rng.int(1, 100)}`,
            queue: rng.chance(0.1) ? null : rng.pick(['posts', 'videos', 'listings']),
            policy: rng.chance(0.2) ? undefined : rng.pick(['hate_speech', 'violence']),
            sectionId: rng.chance(0.3) ? null : rng.pick(['hate-speech', 'misinfo', 'violence']),
          },
        };
        byPerson.set(person, [...(byPerson.get(person) ?? []), response]);
      }
      for (const [person, batch] of byPerson) {
        // Every other batch is sent twice, as an outbox retry would.
        const results = await api.push(people[person]!.token, batch);
        if (rng.chance(0.5))
          expect((await api.push(people[person]!.token, batch)).every((r) => r.outcome !== 'created')).toBe(true);
        results.forEach((result, i) => {
          if (result.outcome === 'created') accepted.push(batch[i]!);
          else expect(result.code).toBe('already_answered');
        });
      }
    }
    return accepted;
  }

  it('counts a scale survey exactly, overall and by every grouping, with exact means', async () => {
    const survey = await api.create(ana.token, scaleSurvey({ scale: { min: -2, max: 4 }, responseCap: 100_000 }));
    const accepted = await answerAtRandom(survey, 400, 1);
    expect(accepted.length).toBeGreaterThan(250);
    expect(accepted.length).toBeLessThan(400);
    expect(await api.results(ana.token, survey.id)).toEqual(recount(survey, accepted));
    for (const groupBy of SurveyGroupBy.options) {
      expect(await api.results(ana.token, survey.id, `groupBy=${groupBy}`), groupBy).toEqual(
        recount(survey, accepted, groupBy),
      );
    }
  });

  it('counts yes/no and choice surveys exactly, and gives every option a count even when nobody chose it', async () => {
    const yesNo = await api.create(ana.token, yesNoSurvey());
    const choice = await api.create(ana.token, choiceSurvey());
    const yesNoAnswers = await answerAtRandom(yesNo, 150, 2);
    const choiceAnswers = await answerAtRandom(choice, 150, 3);
    expect(await api.results(ana.token, yesNo.id, 'groupBy=queue')).toEqual(recount(yesNo, yesNoAnswers, 'queue'));
    expect(await api.results(ana.token, choice.id, 'groupBy=section')).toEqual(
      recount(choice, choiceAnswers, 'section'),
    );

    const empty = await api.create(ana.token, choiceSurvey());
    expect(await api.results(ana.token, empty.id, 'groupBy=policy')).toEqual({
      surveyId: empty.id,
      kind: 'choice',
      options: choiceSurvey().options!.map((o) => ({ key: o.id, label: o.label })),
      overall: {
        total: 0,
        counts: [
          { key: 'examples', count: 0 },
          { key: 'definition', count: 0 },
          { key: 'none', count: 0 },
        ],
        mean: null,
        comments: 0,
      },
      groupBy: 'policy',
      groups: [],
    });
  });

  it('exports results as CSV that parses back to the same counts', async () => {
    const survey = await api.create(ana.token, scaleSurvey());
    const accepted = await answerAtRandom(survey, 120, 4);
    const results = recount(survey, accepted, 'queue');
    const rows = await csvRows(
      await t.request('GET', `/v1/surveys/${survey.id}/results.csv?groupBy=queue`, { token: ana.token }),
    );
    expect(rows[0]).toEqual(['scope', 'group_by', 'group_value', 'option', 'label', 'count', 'total', 'mean']);
    const labels = new Map(results.options.map((o) => [o.key, o.label]));
    const expected = [
      ...results.overall.counts.map((c) => [
        'overall',
        '',
        '',
        c.key,
        labels.get(c.key),
        c.count,
        results.overall.total,
        results.overall.mean,
      ]),
      ...results.groups.flatMap((g) =>
        g.counts.map((c) => ['group', 'queue', g.value ?? '', c.key, labels.get(c.key), c.count, g.total, g.mean]),
      ),
    ].map((row) => row.map((cell) => (cell === null ? '' : String(cell))));
    expect(rows.slice(1)).toEqual(expected);
  });

  it('exports every answer with its context as CSV, hostile text neutralised or kept as text', async () => {
    const survey = await api.create(ana.token, yesNoSurvey());
    const hostile: SurveyResponseInput[] = [
      answer(1, survey.id, { comment: '=HYPERLINK("http://evil")' }),
      answer(2, survey.id, { answer: false, comment: 'line one\nline two, "quoted"' }),
      answer(3, survey.id, {
        comment: '<img src=x onerror=alert(1)>',
        context: { site: 'demo-search', itemKey: '+1 call', fields: { title: '@SUM(A1)', query: '王小明' } },
      }),
    ];
    await api.push(people[0]!.token, hostile);
    const rows = await csvRows(await t.request('GET', `/v1/surveys/${survey.id}/responses.csv`, { token: ana.token }));
    const [header, ...body] = rows;
    expect(header).toEqual([
      'id',
      'received_at',
      'answered_at',
      'respondent',
      'respondent_name',
      'answer',
      'answer_label',
      'comment',
      'site',
      'item_key',
      'queue',
      'policy',
      'section_id',
      'guideline_version',
      'page_url',
      'fields',
    ]);
    const column = (name: string) => body.map((row) => row[header!.indexOf(name)]);
    expect(column('id')).toEqual([responseId(1), responseId(2), responseId(3)]);
    expect(column('respondent')).toEqual(['person.0', 'person.0', 'person.0']);
    expect(column('answer')).toEqual(['yes', 'no', 'yes']);
    expect(column('answer_label')).toEqual(['Yes', 'No', 'Yes']);
    expect(column('comment')).toEqual([
      `'=HYPERLINK("http://evil")`,
      'line one\nline two, "quoted"',
      '<img src=x onerror=alert(1)>',
    ]);
    expect(column('item_key')).toEqual(['PST-00001', 'PST-00002', `'+1 call`]);
    expect(column('queue')).toEqual(['posts', 'posts', '']);
    expect(column('answered_at')).toEqual(hostile.map((r) => r.answeredAt));
    expect(JSON.parse(column('fields')[2]!)).toEqual({ query: '王小明', title: '@SUM(A1)' });
  });

  it('streams a large export page by page in arrival order', async () => {
    const survey = await api.create(ana.token, yesNoSurvey({ responseCap: 5000 }));
    const many = Array.from({ length: 2100 }, (_, n) => answer(n + 1, survey.id, { answer: n % 3 === 0 }));
    for (let start = 0; start < many.length; start += 50) {
      await api.push(people[(start / 50) % people.length]!.token, many.slice(start, start + 50));
    }
    const rows = await csvRows(await t.request('GET', `/v1/surveys/${survey.id}/responses.csv`, { token: ana.token }));
    expect(rows.length).toBe(2101);
    expect(rows.slice(1).map((row) => row[0])).toEqual(many.map((r) => r.id));
    expect((await api.results(ana.token, survey.id)).overall.counts).toEqual([
      { key: 'yes', count: 700 },
      { key: 'no', count: 1400 },
    ]);
  });

  it('answers 404 for the results and exports of an unknown survey', async () => {
    const unknown = '0190a5b2-7c3e-7abc-8def-00000000ffff';
    for (const path of ['results', 'results.csv', 'responses.csv']) {
      const res = await t.request('GET', `/v1/surveys/${unknown}/${path}`, { token: ana.token });
      expect(await api.error(res, 404), path).toEqual({ code: 'not_found', message: `no survey ${unknown}` });
    }
    const res = await t.request('GET', `/v1/surveys/${unknown}/results?groupBy=reporter`, { token: ana.token });
    expect((await api.error(res, 400)).details![0]!.path).toBe('groupBy');
  });
});
