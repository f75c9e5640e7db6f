import { describe, expect, it } from 'vitest';
import { SurveyCreateRequest, SurveyPatch, type Survey } from '../../contract';
import {
  blankForm,
  checkForm,
  formFromSurvey,
  nextOptionId,
  patchFromRequest,
  percentText,
  slotOf,
  splitList,
  unusedFields,
  type SurveyForm,
} from '../../utils/survey-admin/form';
import { fromLocalInput, toLocalInput } from '../../utils/survey-admin/local-time';

const NOW = new Date(2026, 2, 1, 9, 30, 45);

/** A valid scale form, edited from the blank one as an analyst would. */
function scaleForm(edit: Partial<SurveyForm> = {}): SurveyForm {
  return {
    ...blankForm(NOW),
    question: '  Was the hate-speech section clear for this item?  ',
    kind: 'scale',
    scaleMin: '1',
    scaleMax: '5',
    minLabel: 'Not at all',
    maxLabel: '',
    sites: 'demo-moderation, demo-search',
    queues: 'videos',
    sections: 'hate-speech',
    fields: [{ field: 'category', values: 'satire,  news ,' }],
    startsAt: '2026-03-01T09:30',
    endsAt: '2026-03-08T09:30',
    samplingPercent: '12.5',
    responseCap: '300',
    ...edit,
  };
}

/** A stored survey as the API would answer it. */
function stored(edit: Partial<Survey> = {}): Survey {
  return {
    id: '01940000-0000-7000-8000-000000000001',
    question: 'Which rule applied?',
    kind: 'choice',
    scale: null,
    options: [
      { id: 'option-1', label: 'Rule A' },
      { id: 'b-rule', label: 'Rule B' },
    ],
    allowComment: true,
    target: { sites: ['demo-moderation'], queues: [], policies: ['hate_speech', 'spam'], sections: [], fields: [] },
    window: { startsAt: '2026-03-01T08:00:00.000Z', endsAt: '2026-03-02T08:00:00.000Z' },
    samplingRate: 0.07,
    responseCap: 50,
    status: 'draft',
    createdBy: { id: 'analyst.riley', name: 'Riley Chen' },
    createdAt: '2026-02-28T08:00:00.000Z',
    updatedAt: '2026-02-28T08:00:00.000Z',
    revision: 7,
    responseCount: 0,
    capReached: false,
    ...edit,
  };
}

describe('the survey form and the contract', () => {
  it('maps a filled-in form to the request the contract accepts: lists split, window as UTC instants, percent as a rate', () => {
    const checked = checkForm(scaleForm(), 'active');
    expect(checked).toEqual({
      ok: true,
      request: {
        question: 'Was the hate-speech section clear for this item?',
        kind: 'scale',
        scale: { min: 1, max: 5, minLabel: 'Not at all', maxLabel: null },
        options: null,
        allowComment: false,
        target: {
          sites: ['demo-moderation', 'demo-search'],
          queues: ['videos'],
          policies: [],
          sections: ['hate-speech'],
          fields: [{ field: 'category', values: ['satire', 'news'] }],
        },
        window: {
          startsAt: new Date(2026, 2, 1, 9, 30).toISOString(),
          endsAt: new Date(2026, 2, 8, 9, 30).toISOString(),
        },
        samplingRate: 0.125,
        responseCap: 300,
        status: 'active',
      },
    });
    if (checked.ok) expect(SurveyCreateRequest.safeParse(checked.request).success).toBe(true);
  });

  it('sends only the parts of the chosen kind, so a draft that changed kind drops the others', () => {
    const checked = checkForm(scaleForm({ kind: 'yes_no' }), 'draft');
    expect(checked.ok && checked.request).toMatchObject({
      kind: 'yes_no',
      scale: null,
      options: null,
      status: 'draft',
    });
    const choice = checkForm(
      scaleForm({
        kind: 'choice',
        options: [
          { id: 'option-1', label: ' Too vague ' },
          { id: 'option-2', label: 'Missing' },
        ],
      }),
      'draft',
    );
    expect(choice.ok && choice.request).toMatchObject({
      scale: null,
      options: [
        { id: 'option-1', label: 'Too vague' },
        { id: 'option-2', label: 'Missing' },
      ],
    });
  });

  it("places each of the contract's problems beside its field, in the contract's words", () => {
    const checked = checkForm(
      scaleForm({
        question: '   ',
        scaleMin: '1',
        scaleMax: '30',
        sites: 'demo-moderation, Demo Site',
        endsAt: '2026-02-01T09:30',
        samplingPercent: '150',
        responseCap: '',
      }),
      'draft',
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      question: ['the question is empty'],
      scaleMax: ['a scale has 2 to 11 points (max − min + 1), not 30'],
      sites: [expect.stringMatching(/^"Demo Site": lowercase letters/)],
      endsAt: ['endsAt must be after startsAt'],
      samplingPercent: [expect.stringContaining('<=1')],
      responseCap: [expect.stringContaining('expected number')],
    });
  });

  it('names the option and the adapter-field row a problem is about', () => {
    const checked = checkForm(
      scaleForm({
        kind: 'choice',
        options: [
          { id: 'option-1', label: 'Fine' },
          { id: 'option-2', label: '' },
        ],
        fields: [
          { field: 'category', values: 'satire' },
          { field: 'label', values: ' , ' },
        ],
      }),
      'draft',
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['fields.1', 'options.1']);
    expect(checked.errors['options.1']).toEqual(['the label is empty']);
  });

  it('refuses text the database cannot store, as the API would', () => {
    const checked = checkForm(scaleForm({ question: 'nul \u0000 here', queues: 'vid\uD800eos' }), 'draft');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.question?.[0]).toMatch(/NUL/);
    expect(checked.errors.queues?.[0]).toMatch(/surrogate/);
  });

  it('reads a stored draft back into the form, and the form gives the same survey again', () => {
    const survey = stored();
    const form = formFromSurvey(survey);
    expect(form).toMatchObject({
      kind: 'choice',
      allowComment: true,
      sites: 'demo-moderation',
      policies: 'hate_speech, spam',
      samplingPercent: '7',
      responseCap: '50',
      startsAt: toLocalInput(survey.window.startsAt),
    });
    const checked = checkForm(form, 'draft');
    expect(checked.ok && checked.request).toMatchObject({
      question: survey.question,
      options: survey.options,
      target: survey.target,
      window: survey.window,
      samplingRate: survey.samplingRate,
      responseCap: survey.responseCap,
    });
  });

  it('edits a draft with a patch that names every field, the revision it read, and the status only when activating', () => {
    const checked = checkForm(formFromSurvey(stored()), 'active');
    if (!checked.ok) throw new Error('expected a valid form');
    const draft = patchFromRequest(checked.request, 7, false);
    expect(draft).not.toHaveProperty('status');
    expect(draft).toMatchObject({ expectedRevision: 7, question: 'Which rule applied?', scale: null });
    expect(patchFromRequest(checked.request, 7, true)).toMatchObject({ status: 'active', expectedRevision: 7 });
    expect(SurveyPatch.safeParse(draft).success).toBe(true);
  });
});

describe('the form helpers', () => {
  it('splits comma lists on ASCII and full-width commas, dropping blanks', () => {
    expect(splitList(' videos ,posts，评论,, ')).toEqual(['videos', 'posts', '评论']);
    expect(splitList('   ')).toEqual([]);
  });

  it('gives a new option an id no option has, kept apart from labels', () => {
    expect(
      nextOptionId([
        { id: 'option-1', label: '' },
        { id: 'option-2', label: '' },
      ]),
    ).toBe('option-3');
    expect(
      nextOptionId([
        { id: 'option-3', label: '' },
        { id: 'option-1', label: '' },
      ]),
    ).toBe('option-4');
  });

  it('offers each adapter field once', () => {
    expect(unusedFields([{ field: 'queue', values: '' }])).not.toContain('queue');
    expect(unusedFields([])).toHaveLength(7);
  });

  it('writes a rate as a percent without float noise', () => {
    expect(percentText(0.07)).toBe('7');
    expect(percentText(0.125)).toBe('12.5');
    expect(percentText(1)).toBe('100');
  });

  it('sends problems that belong to no field to the form as a whole', () => {
    expect(slotOf(['status'])).toBe('form');
    expect(slotOf([])).toBe('form');
    expect(slotOf(['window'])).toBe('endsAt');
    expect(slotOf(['scale'])).toBe('scale');
    expect(slotOf(['target', 'fields', 2, 'values', 0])).toBe('fields.2');
  });
});

describe('the window in local time', () => {
  it('reads a datetime-local value in the browser zone and writes the same instant back', () => {
    const iso = fromLocalInput('2026-03-29T02:30')!;
    expect(iso).toBe(new Date(2026, 2, 29, 2, 30).toISOString());
    expect(fromLocalInput(toLocalInput('2026-11-01T16:45:00.000Z'))).toBe('2026-11-01T16:45:00.000Z');
  });

  it('leaves an empty or impossible value for the contract to name', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('2026-02-31T10:00')).toBe('2026-02-31T10:00');
    expect(fromLocalInput('tomorrow')).toBe('tomorrow');
    expect(toLocalInput('not a date')).toBe('');
  });

  it('starts a new survey now, for a week', () => {
    const form = blankForm(NOW);
    expect(form.startsAt).toBe('2026-03-01T09:30');
    expect(Date.parse(fromLocalInput(form.endsAt)!) - Date.parse(fromLocalInput(form.startsAt)!)).toBe(7 * 86_400_000);
  });
});
