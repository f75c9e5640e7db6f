import type { HTMLInputTypeAttribute, InputHTMLAttributes } from 'react';
import type { ErrorSlot, FormErrors } from '../../utils/survey-admin/form';
import { FieldErrors, invalidProps } from './field-errors';

/**
 * One labelled input of the survey form, with its hint and its problems announced through
 * `aria-describedby`. `override` replaces the contract's words where the form shows the value in
 * other units (the sampling rate in percent).
 */
export function TextField({
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
  errors: FormErrors;
  slot: ErrorSlot;
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
