import { beforeEach, expect, it } from 'vitest';
import { ApiErrorBody, SurveyResponseSyncResponse, type SurveyCreateRequest } from '../../contract';
import { createApp } from '../app';
import type { Database } from '../db/client';
import { surveyResponses, surveys } from '../db/schema';
import { describeEachDatabase } from './databases';
import { useTestApp, type Caller } from './harness';
import { createLeafFinder, getAt, isFreeText, setAt, type Leaf, type OpenApiDocument } from './request-leaves';
import { answer, choiceSurvey, NOW, responseId, scaleSurvey, surveyApi } from './survey-fixtures';

/*
 * The survey writes the generic hostile-input walk leaves out (server/test/hostile-input.test.ts): a
 * survey is a scale or a choice, so one request cannot carry every string, and answers are refused
 * one by one inside a 200. Same four values, same rule: a 4xx (or a rejected answer) naming the field,
 * nothing stored, never a 5xx; markup in free text is kept verbatim.
 */

const document = createApp({ db: null as unknown as Database, kind: 'pglite', version: 'test' }).getOpenAPI31Document({
  openapi: '3.1.0',
  info: { title: 'QA Lens API', version: 'test' },
}) as unknown as OpenApiDocument;
const { leavesOf } = createLeafFinder(document);

const MARKUP = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
const HOSTILE = {
  nul: (valid: string) => `${valid}\u0000`,
  surrogate: (valid: string) => `${valid}\ud800`,
  long: (valid: string) => valid.padEnd(70_000, 'x'),
  markup: () => MARKUP,
} as const;
type Kind = keyof typeof HOSTILE;
const KINDS = Object.keys(HOSTILE) as Kind[];

/** Every part of a survey filled, so each string of its kind is walked. */
const FULL_TARGET = {
  sites: ['demo-moderation'],
  queues: ['posts'],
  policies: ['hate_speech'],
  sections: ['hate-speech'],
  fields: [{ field: 'category' as const, values: ['Commentary'] }],
};
const SCALE = scaleSurvey({ target: FULL_TARGET, status: 'draft' });
const CHOICE = choiceSurvey({ target: FULL_TARGET, status: 'draft' });

/** The leaves of `key`'s body for each fixture; together they must leave nothing untested. */
function leavesFor(key: string, bodies: unknown[]): Leaf[] {
  const [method, path] = key.split(' ') as [string, string];
  const operation = document.paths[path]![method.toLowerCase()]!;
  const walks = bodies.map((body) => leavesOf(operation, body));
  const untested = walks.map((walk) => new Set(walk.untested));
  // What one fixture leaves out, another covers (a scale survey has no options, a choice no scale).
  const uncovered = [...untested[0]!].filter((part) => untested.every((set) => set.has(part)));
  expect(uncovered, `parts of ${key} no fixture covers`).toEqual([]);
  return walks.flatMap((walk) => walk.leaves.filter((leaf) => leaf.at === 'body'));
}

describeEachDatabase('survey hostile input', (database) => {
  const t = useTestApp(database, { now: () => NOW });
  const api = surveyApi(t);
  let ana: Caller;

  beforeEach(async () => {
    ana = await t.caller('ana.analyst', ['analyst']);
  });

  const counts = async () => ({ surveys: await t.db.$count(surveys), answers: await t.db.$count(surveyResponses) });

  /** Sends `body` with one hostile value at `leaf` and checks the refusal or the verbatim keep (then true). */
  async function probe(
    label: string,
    leaf: Leaf,
    kind: Kind,
    body: unknown,
    send: (body: unknown) => Promise<Response>,
    ok: number,
  ) {
    const changed = structuredClone(body);
    const current = getAt(changed, leaf.path);
    setAt(changed, leaf.path, HOSTILE[kind](typeof current === 'string' ? current : 'a'));
    const before = await counts();
    const res = await send(changed);
    expect(res.status, label).toBeLessThan(500);
    if (kind === 'markup' && isFreeText(leaf.schema)) {
      expect(res.status, `${label}: ${await res.clone().text()}`).toBe(ok);
      expect(await res.clone().text(), label).toContain(JSON.stringify(MARKUP).slice(1, -1));
      return true;
    }
    expect(res.status, `${label}: ${await res.clone().text()}`).toBeGreaterThanOrEqual(400);
    const { error } = ApiErrorBody.parse(await res.json());
    const field = leaf.path.join('.');
    expect(
      (error.details ?? []).some((d) => d.path === field),
      `${label}: ${JSON.stringify(error).slice(0, 300)}`,
    ).toBe(true);
    const says = leaf.schema.enum === undefined && leaf.schema.format === undefined;
    if (says && kind === 'nul') expect(JSON.stringify(error), label).toContain('NUL');
    if (says && kind === 'surrogate') expect(JSON.stringify(error), label).toContain('surrogate');
    expect(await counts(), `${label}: rows stored`).toEqual(before);
    return false;
  }

  it('POST /v1/surveys refuses NUL, lone surrogates and 70,000 characters in every string of either kind', async () => {
    const send = (body: unknown) => t.request('POST', '/v1/surveys', { token: ana.token, json: body });
    for (const body of [SCALE, CHOICE]) expect((await send(body)).status).toBe(201);
    const leaves = leavesFor('POST /v1/surveys', [SCALE, CHOICE]);
    expect(leaves.map((leaf) => leaf.path.join('.'))).toEqual(
      expect.arrayContaining([
        'question',
        'scale.minLabel',
        'options.0.label',
        'target.fields.0.values.0',
        'window.endsAt',
      ]),
    );
    for (const leaf of leaves) {
      const body = leaf.path[0] === 'scale' ? SCALE : leaf.path[0] === 'options' ? CHOICE : SCALE;
      for (const kind of KINDS) await probe(`POST ${leaf.path.join('.')} ${kind}`, leaf, kind, body, send, 201);
    }
  });

  it('PATCH /v1/surveys/{id} refuses the same in every string and leaves the draft as it was', async () => {
    const draft = await api.create(ana.token, SCALE);
    const send = (body: unknown) => api.patchRaw(ana.token, draft.id, body);
    const patchOf = ({ status: _status, ...fields }: SurveyCreateRequest) => fields;
    const bodies = [patchOf(SCALE), patchOf(CHOICE)];
    for (const body of bodies) expect((await send(body)).status).toBe(200);
    for (const leaf of leavesFor('PATCH /v1/surveys/{id}', bodies)) {
      const body = leaf.path[0] === 'options' ? bodies[1] : bodies[0];
      for (const kind of KINDS) {
        const before = await api.get(ana.token, draft.id);
        const label = `PATCH ${leaf.path.join('.')} ${kind}`;
        const kept = await probe(label, leaf, kind, body, send, 200);
        if (!kept) expect(await api.get(ana.token, draft.id), label).toEqual(before);
      }
    }
    // Hostile path ids are a 400 before anything is read.
    for (const id of ['x\u0000', 'a'.repeat(70_000), MARKUP]) {
      const res = await t.request('PATCH', `/v1/surveys/${encodeURIComponent(id)}`, {
        token: ana.token,
        json: { status: 'closed' },
      });
      expect(res.status, id.slice(0, 20)).toBe(400);
    }
  });

  it('POST /v1/sync/survey-responses rejects an answer with a hostile value alone, naming the field, or keeps markup', async () => {
    const survey = await api.create(ana.token, choiceSurvey({ status: 'active' }));
    const mo = await t.caller('mo.mod', ['moderator']);
    const valid = answer(1, survey.id, { answer: 'examples', comment: 'A comment' });
    let n = 100;
    const push = (response: unknown) => api.push(mo.token, [response, answer((n += 1), survey.id, { answer: 'none' })]);
    expect((await push(valid)).map((r) => r.outcome)).toEqual(['created', 'created']);

    const leaves = leavesFor('POST /v1/sync/survey-responses', [{ responses: [valid] }]);
    expect(leaves.map((leaf) => leaf.path.slice(2).join('.'))).toEqual([
      'id',
      'surveyId',
      'answer',
      'comment',
      'context.site',
      'context.itemKey',
      'context.queue',
      'context.policy',
      'context.sectionId',
      'context.guidelineVersion',
      'context.pageUrl',
      'answeredAt',
    ]);
    // The walk does not enter records: the adapter's fields are one, added here by hand.
    const all: Leaf[] = [...leaves, { at: 'body', path: ['responses', 0, 'context', 'fields', 'queue'], schema: {} }];
    let id = 1000;
    for (const leaf of all) {
      const inner = leaf.path.slice(2);
      const field = inner.join('.');
      for (const kind of KINDS) {
        const label = `push ${field} ${kind}`;
        const response = structuredClone({
          ...valid,
          id: responseId((id += 1)),
          context: { ...valid.context, itemKey: `item-${id}` },
        }) as unknown;
        const current = getAt(response, inner);
        setAt(response, inner, HOSTILE[kind](typeof current === 'string' ? current : 'a'));
        const before = await counts();
        const [result, companion] = await push(response);
        expect(companion!.outcome, label).toBe('created');
        if (kind === 'markup' && isFreeText(leaf.schema)) {
          if (field === 'answer') {
            // Text, but not one of the survey's options.
            expect(result!.code, label).toBe('invalid_answer');
          } else {
            expect(result!.outcome, `${label}: ${JSON.stringify(result)}`).toBe('created');
            const rows = await t.db.select().from(surveyResponses);
            expect(JSON.stringify(rows), label).toContain(JSON.stringify(MARKUP).slice(1, -1));
          }
          continue;
        }
        expect(result!.outcome, label).toBe('rejected');
        expect(result!.code, label).toBe('invalid');
        expect(
          result!.details?.some((d) => d.path === field),
          `${label}: ${JSON.stringify(result).slice(0, 300)}`,
        ).toBe(true);
        const s = leaf.schema;
        if (s.enum === undefined && s.format === undefined && kind === 'nul')
          expect(result!.message, label).toContain('NUL');
        if (s.enum === undefined && s.format === undefined && kind === 'surrogate')
          expect(result!.message, label).toContain('surrogate');
        expect(await counts(), label).toEqual({ ...before, answers: before.answers + 1 });
      }
    }
    // The answers kept with markup come back to their respondent as sent, within the contract.
    const own = await t.request('GET', '/v1/sync/survey-responses?limit=200', { token: mo.token });
    const { responses } = SurveyResponseSyncResponse.parse(await own.json());
    const withMarkup = responses.filter((r) => JSON.stringify(r).includes(JSON.stringify(MARKUP).slice(1, -1)));
    expect(withMarkup.length).toBe(
      all.filter((leaf) => isFreeText(leaf.schema) && leaf.path.at(-1) !== 'answer').length,
    );
  });
});
