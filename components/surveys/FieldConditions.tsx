import { ItemField } from '../../contract';
import { i18n } from '../../utils/i18n';
import { unusedFields, type FieldRow, type FormErrors } from '../../utils/survey-admin/form';
import { FieldErrors, groupProps, invalidProps } from './field-errors';

/**
 * Targeting by adapter field: rows of "field = values" (a comma list); an item must match every row.
 * Each field appears at most once, so a new row takes a field no row uses yet.
 */
export function FieldConditions({
  rows,
  errors,
  onChange,
}: {
  rows: FieldRow[];
  errors: FormErrors;
  onChange: (rows: FieldRow[]) => void;
}) {
  const free = unusedFields(rows);
  const update = (index: number, row: FieldRow) => onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <fieldset className="survey-group" {...groupProps(errors, 'fields')}>
      <legend>{i18n.t('surveys.form.fieldConditions')}</legend>
      <p className="muted hint">{i18n.t('surveys.form.fieldConditionsHint')}</p>
      {rows.length > 0 && (
        <ol className="option-rows">
          {rows.map((row, index) => {
            const n = index + 1;
            const slot = `fields.${index}` as const;
            return (
              <li key={row.field} className="row">
                <select
                  aria-label={i18n.t('surveys.form.fieldName', { n })}
                  value={row.field}
                  onChange={(e) => update(index, { ...row, field: ItemField.parse(e.currentTarget.value) })}
                >
                  {[row.field, ...free].map((field) => (
                    <option key={field} value={field}>
                      {i18n.t(`surveys.itemFields.${field}`)}
                    </option>
                  ))}
                </select>
                <span aria-hidden="true">=</span>
                <input
                  type="text"
                  aria-label={i18n.t('surveys.form.fieldValues', { n })}
                  value={row.values}
                  onChange={(e) => update(index, { ...row, values: e.currentTarget.value })}
                  {...invalidProps(errors, slot)}
                />
                <button
                  type="button"
                  aria-label={i18n.t('surveys.form.removeField', { n })}
                  onClick={() => onChange(rows.filter((_, i) => i !== index))}
                >
                  {i18n.t('surveys.form.remove')}
                </button>
                <FieldErrors errors={errors} slot={slot} />
              </li>
            );
          })}
        </ol>
      )}
      <button
        type="button"
        disabled={free.length === 0}
        onClick={() => onChange([...rows, { field: free[0]!, values: '' }])}
      >
        {i18n.t('surveys.form.addField')}
      </button>
      <FieldErrors errors={errors} slot="fields" />
    </fieldset>
  );
}
