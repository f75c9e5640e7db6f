import type { ErrorSlot, FormErrors } from '../../utils/survey-admin/form';

/** The id of the element holding a slot's problems, for `aria-describedby`. */
export const errorId = (slot: ErrorSlot) => `survey-error-${slot.replace('.', '-')}`;

/**
 * What a control needs to announce its problems: `aria-invalid` and a description naming the
 * problem (and the hint, when it has one).
 */
export function invalidProps(errors: FormErrors, slot: ErrorSlot, hintId?: string) {
  const invalid = (errors[slot]?.length ?? 0) > 0;
  const ids = [invalid ? errorId(slot) : null, hintId ?? null].filter(Boolean).join(' ');
  return { 'aria-invalid': invalid || undefined, 'aria-describedby': ids || undefined };
}

/** A group's description naming its problems (a fieldset takes no `aria-invalid`). */
export function groupProps(errors: FormErrors, slot: ErrorSlot) {
  return { 'aria-describedby': errors[slot]?.length ? errorId(slot) : undefined };
}

/** A slot's problems, in the contract's words, beside the field. */
export function FieldErrors({ errors, slot, override }: { errors: FormErrors; slot: ErrorSlot; override?: string }) {
  const messages = errors[slot];
  if (!messages?.length) return null;
  return (
    <span id={errorId(slot)} className="field-error error" data-testid={`error-${slot}`}>
      {override ?? messages.join('; ')}
    </span>
  );
}
