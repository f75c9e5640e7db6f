import { SURVEY_OPTIONS_MIN } from '../../contract';
import { i18n } from '../../utils/i18n';
import { canAddOption, nextOptionId, type FormErrors, type SurveyForm } from '../../utils/survey-admin/form';
import { FieldErrors, groupProps, invalidProps } from './field-errors';

/** A choice survey's options: each a labelled text field that can be removed (down to two), and an Add. */
export function ChoiceOptions({
  form,
  errors,
  onChange,
}: {
  form: SurveyForm;
  errors: FormErrors;
  onChange: (options: SurveyForm['options']) => void;
}) {
  const { options } = form;
  return (
    <fieldset className="survey-group" {...groupProps(errors, 'options')}>
      <legend>{i18n.t('surveys.form.options')}</legend>
      <ol className="option-rows">
        {options.map((option, index) => {
          const n = index + 1;
          const slot = `options.${index}` as const;
          return (
            <li key={option.id} className="row">
              <label htmlFor={`survey-option-${option.id}`}>{i18n.t('surveys.form.optionLabel', { n })}</label>
              <input
                id={`survey-option-${option.id}`}
                type="text"
                value={option.label}
                onChange={(e) => {
                  const label = e.currentTarget.value;
                  onChange(options.map((o, i) => (i === index ? { ...o, label } : o)));
                }}
                {...invalidProps(errors, slot)}
              />
              <button
                type="button"
                disabled={options.length <= SURVEY_OPTIONS_MIN}
                aria-label={i18n.t('surveys.form.removeOption', { n })}
                onClick={() => onChange(options.filter((_, i) => i !== index))}
              >
                {i18n.t('surveys.form.remove')}
              </button>
              <FieldErrors errors={errors} slot={slot} />
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        disabled={!canAddOption(form)}
        onClick={() => onChange([...options, { id: nextOptionId(options), label: '' }])}
      >
        {i18n.t('surveys.form.addOption')}
      </button>
      <FieldErrors errors={errors} slot="options" />
    </fieldset>
  );
}
