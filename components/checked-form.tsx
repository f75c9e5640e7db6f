import { useEffect, useRef, useState, type HTMLInputTypeAttribute, type InputHTMLAttributes } from 'react';
import { errorMessage } from '../utils/error-message';

/*
 * The pieces of a form checked with the contract's schema before it is sent (the surveys page set
 * the pattern): each problem beside its field in the contract's words, the control marked
 * `aria-invalid` and described by it, and focus on the first problem after a check.
 */

/** The problems of a form, each slot (a field, a row, or the whole form) with its messages. */
export type FormErrors<S extends string> = Partial<Record<S, string[]>>;

/** The number of problems in `errors`. */
export const problemCount = <S extends string>(errors: FormErrors<S>) =>
  Object.values<string[] | undefined>(errors).reduce((n, list) => n + (list?.length ?? 0), 0);

/** One form's problem helpers; `prefix` keeps its ids apart from other forms' on the page. */
export function checkedFormKit<S extends string>(prefix: string) {
  /** The id of the element holding a slot's problems, for `aria-describedby`. */
  const errorId = (slot: S) => `${prefix}-${slot.replace(/\./g, '-')}`;

  /** What a control needs to announce its problems: `aria-invalid` and a description naming them (and its hint). */
  function invalidProps(errors: FormErrors<S>, slot: S, hintId?: string) {
    const invalid = (errors[slot]?.length ?? 0) > 0;
    const ids = [invalid ? errorId(slot) : null, hintId ?? null].filter(Boolean).join(' ');
    return { 'aria-invalid': invalid || undefined, 'aria-describedby': ids || undefined };
  }

  /** A group's description naming its problems (a fieldset takes no `aria-invalid`). */
  function groupProps(errors: FormErrors<S>, slot: S) {
    return { 'aria-describedby': errors[slot]?.length ? errorId(slot) : undefined };
  }

  /**
   * A slot's problems beside its field. `override` replaces the contract's words where the form
   * shows the value in other units (a sampling rate in percent).
   */
  function FieldErrors({ errors, slot, override }: { errors: FormErrors<S>; slot: S; override?: string }) {
    const messages = errors[slot];
    if (!messages?.length) return null;
    return (
      <span id={errorId(slot)} className="field-error error" data-testid={`error-${slot}`}>
        {override ?? messages.join('; ')}
      </span>
    );
  }

  /** One labelled input with its hint and its problems, both announced through `aria-describedby`. */
  function TextField({
    id,
    label,
    value,
    onChange,
    errors,
    slot,
    hint,
    type = 'text',
    override,
    inputProps,
  }: {
    id: string;
    label: string;
    value: string;
    onChange: (value: string) => void;
    errors: FormErrors<S>;
    slot: S;
    hint?: string;
    type?: HTMLInputTypeAttribute;
    override?: string;
    inputProps?: InputHTMLAttributes<HTMLInputElement>;
  }) {
    const hintId = hint ? `${id}-hint` : undefined;
    return (
      <div className="form-field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type={type}
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          {...inputProps}
          {...invalidProps(errors, slot, hintId)}
        />
        {hint && (
          <span id={hintId} className="muted hint">
            {hint}
          </span>
        )}
        <FieldErrors errors={errors} slot={slot} override={override} />
      </div>
    );
  }

  return { errorId, invalidProps, groupProps, FieldErrors, TextField };
}

/** A form's check: the request to send, or the problems by slot. */
export type FormCheck<F, T, S extends string> = (
  form: F,
) => { ok: true; request: T } | { ok: false; errors: FormErrors<S> };

/**
 * Submitting a checked form: `check` it; with problems, show them and move focus to the first
 * control marked invalid (even when a second check finds the same ones); without, `save` it and
 * show the API's refusal (a 409, a 400) in its own words.
 */
export function useCheckedSubmit<F, T, S extends string>(
  check: FormCheck<F, T, S>,
  save: (request: T) => Promise<void>,
) {
  const ref = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors<S>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [checks, setChecks] = useState(0);
  useEffect(() => {
    if (checks > 0) ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [checks]);
  const submit = async (form: F) => {
    const checked = check(form);
    setFailure(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      setChecks((n) => n + 1);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await save(checked.request);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };
  return { ref, errors, failure, saving, submit };
}
