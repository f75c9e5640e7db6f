import {
  ItemField,
  SURVEY_OPTIONS_MAX,
  SurveyCreateRequest,
  type Survey,
  type SurveyKind,
  type SurveyPatch,
} from '../../contract';
import { fromLocalInput, toLocalInput } from './local-time';

/*
 * The survey form as the analyst edits it (text as typed, numbers as strings, the window in local
 * time, the sampling rate in percent) and its mapping to and from the contract. The form is checked
 * with the contract's own schema before anything is sent, and each issue is placed beside the field
 * it is about, in the contract's words, so the page and the API never disagree on what is valid.
 */

/** One choice option: `id` is what answers and results name, kept across label edits. */
export interface OptionRow {
  id: string;
  label: string;
}

/** One adapter-field condition: the item's `field` must read one of `values` (a comma list). */
export interface FieldRow {
  field: ItemField;
  values: string;
}

export interface SurveyForm {
  question: string;
  kind: SurveyKind;
  scaleMin: string;
  scaleMax: string;
  minLabel: string;
  maxLabel: string;
  options: OptionRow[];
  allowComment: boolean;
  /** Comma lists; empty means any. */
  sites: string;
  queues: string;
  policies: string;
  sections: string;
  fields: FieldRow[];
  /** `datetime-local` values, in the analyst's time zone. */
  startsAt: string;
  endsAt: string;
  /** Percent of matching (user, item) pairs shown the survey: more than 0, at most 100. */
  samplingPercent: string;
  responseCap: string;
}

/**
 * Where a problem is shown: a form field, one option (`options.2`) or adapter-field row
 * (`fields.0`), or `form` for what belongs to no field.
 */
export type ErrorSlot =
  | Exclude<keyof SurveyForm, 'options' | 'fields' | 'kind'>
  | 'kind'
  | 'scale'
  | 'options'
  | `options.${number}`
  | 'fields'
  | `fields.${number}`
  | 'form';

/** The problems of a form, each slot with the contract's messages for it. */
export type FormErrors = Partial<Record<ErrorSlot, string[]>>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new survey's form: yes/no, everyone in the sample, for a week from now. */
export function blankForm(now: Date): SurveyForm {
  const start = new Date(now);
  start.setSeconds(0, 0);
  return {
    question: '',
    kind: 'yes_no',
    scaleMin: '1',
    scaleMax: '5',
    minLabel: '',
    maxLabel: '',
    options: [
      { id: 'option-1', label: '' },
      { id: 'option-2', label: '' },
    ],
    allowComment: false,
    sites: '',
    queues: '',
    policies: '',
    sections: '',
    fields: [],
    startsAt: toLocalInput(start.toISOString()),
    endsAt: toLocalInput(new Date(start.getTime() + 7 * DAY_MS).toISOString()),
    samplingPercent: '100',
    responseCap: '200',
  };
}

/** A stored survey as the form edits it (a draft being edited). */
export function formFromSurvey(survey: Survey): SurveyForm {
  const blank = blankForm(new Date(survey.window.startsAt));
  return {
    question: survey.question,
    kind: survey.kind,
    scaleMin: survey.scale ? String(survey.scale.min) : blank.scaleMin,
    scaleMax: survey.scale ? String(survey.scale.max) : blank.scaleMax,
    minLabel: survey.scale?.minLabel ?? '',
    maxLabel: survey.scale?.maxLabel ?? '',
    options: survey.options?.map((o) => ({ id: o.id, label: o.label })) ?? blank.options,
    allowComment: survey.allowComment,
    sites: survey.target.sites.join(', '),
    queues: survey.target.queues.join(', '),
    policies: survey.target.policies.join(', '),
    sections: survey.target.sections.join(', '),
    fields: survey.target.fields.map((f) => ({ field: f.field, values: f.values.join(', ') })),
    startsAt: toLocalInput(survey.window.startsAt),
    endsAt: toLocalInput(survey.window.endsAt),
    samplingPercent: percentText(survey.samplingRate),
    responseCap: String(survey.responseCap),
  };
}

/** "12.5" for 0.125: the rate as the percent the form shows, without float noise (7, not 7.000000000000001). */
export function percentText(rate: number): string {
  return String(Number((rate * 100).toPrecision(12)));
}

/** The entries of a comma list, trimmed, blanks dropped; a Chinese full-width comma separates too. */
export function splitList(text: string): string[] {
  return text
    .split(/[,，]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A number field's value: undefined when empty (the contract then says it is required), NaN when not a number. */
function numberOf(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

/** An option id not yet used by `options`, for a newly added option. */
export function nextOptionId(options: readonly OptionRow[]): string {
  const used = new Set(options.map((o) => o.id));
  let n = options.length + 1;
  while (used.has(`option-${n}`)) n += 1;
  return `option-${n}`;
}

/** Whether another option may be added. */
export const canAddOption = (form: SurveyForm) => form.options.length < SURVEY_OPTIONS_MAX;

/** The adapter fields no row uses yet, for the next row. */
export function unusedFields(rows: readonly FieldRow[]): ItemField[] {
  const used = new Set(rows.map((r) => r.field));
  return ItemField.options.filter((field) => !used.has(field));
}

/**
 * The survey's fields as the API takes them (before checking). A kind's other parts are sent as
 * null so an edited draft that changed kind drops them.
 */
export function surveyFields(form: SurveyForm) {
  const nullIfBlank = (text: string) => (text.trim() === '' ? null : text.trim());
  const percent = numberOf(form.samplingPercent);
  return {
    question: form.question.trim(),
    kind: form.kind,
    scale:
      form.kind === 'scale'
        ? {
            min: numberOf(form.scaleMin),
            max: numberOf(form.scaleMax),
            minLabel: nullIfBlank(form.minLabel),
            maxLabel: nullIfBlank(form.maxLabel),
          }
        : null,
    options: form.kind === 'choice' ? form.options.map((o) => ({ id: o.id, label: o.label.trim() })) : null,
    allowComment: form.allowComment,
    target: {
      sites: splitList(form.sites),
      queues: splitList(form.queues),
      policies: splitList(form.policies),
      sections: splitList(form.sections),
      fields: form.fields.map((row) => ({ field: row.field, values: splitList(row.values) })),
    },
    window: { startsAt: fromLocalInput(form.startsAt), endsAt: fromLocalInput(form.endsAt) },
    samplingRate: percent === undefined ? undefined : percent / 100,
    responseCap: numberOf(form.responseCap),
  };
}

export type CheckedForm = { ok: true; request: SurveyCreateRequest } | { ok: false; errors: FormErrors };

/** The form as a create request, checked with the contract's schema; or the problems, by field. */
export function checkForm(form: SurveyForm, status: 'draft' | 'active'): CheckedForm {
  const fields = surveyFields(form);
  const parsed = SurveyCreateRequest.safeParse({ ...fields, status });
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const slot = slotOf(issue.path);
    (errors[slot] ??= []).push(quoteEntry(issue.path, issue.message, fields.target));
  }
  return { ok: false, errors };
}

/**
 * A checked request as a patch of a draft: every field replaces the stored one, and the draft must
 * still be at `revision` (someone else's edit meanwhile is a 409, not silently overwritten).
 */
export function patchFromRequest(request: SurveyCreateRequest, revision: number, activate: boolean): SurveyPatch {
  const { status: _status, ...fields } = request;
  return { ...fields, expectedRevision: revision, ...(activate ? { status: 'active' as const } : {}) };
}

const TARGET_LISTS = ['sites', 'queues', 'policies', 'sections'] as const;

/** The form field a contract issue at `path` is about. */
export function slotOf(path: readonly PropertyKey[]): ErrorSlot {
  const [head, second, third] = path;
  switch (head) {
    case 'question':
    case 'kind':
    case 'allowComment':
    case 'responseCap':
      return head;
    case 'samplingRate':
      return 'samplingPercent';
    case 'scale':
      if (second === 'min') return 'scaleMin';
      if (second === 'max') return 'scaleMax';
      if (second === 'minLabel' || second === 'maxLabel') return second;
      return 'scale';
    case 'options':
      return typeof second === 'number' ? `options.${second}` : 'options';
    case 'target':
      if (TARGET_LISTS.includes(second as (typeof TARGET_LISTS)[number])) return second as ErrorSlot;
      if (second === 'fields') return typeof third === 'number' ? `fields.${third}` : 'fields';
      return 'form';
    case 'window':
      return second === 'startsAt' ? 'startsAt' : 'endsAt';
    default:
      return 'form';
  }
}

/** An issue about one entry of a comma list names that entry: `"Demo Site": lowercase letters…`. */
function quoteEntry(path: readonly PropertyKey[], message: string, target: ReturnType<typeof surveyFields>['target']) {
  const [head, list, index, fieldPart, valueIndex] = path;
  if (head !== 'target' || typeof index !== 'number') return message;
  if (list === 'fields') {
    const value =
      fieldPart === 'values' && typeof valueIndex === 'number' ? target.fields[index]?.values[valueIndex] : undefined;
    return value === undefined ? message : `"${value}": ${message}`;
  }
  const entry = TARGET_LISTS.includes(list as (typeof TARGET_LISTS)[number])
    ? target[list as (typeof TARGET_LISTS)[number]][index]
    : undefined;
  return entry === undefined ? message : `"${entry}": ${message}`;
}
