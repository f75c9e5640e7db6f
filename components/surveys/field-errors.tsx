import type { ErrorSlot } from '../../utils/survey-admin/form';
import { checkedFormKit } from '../checked-form';

/** The survey form's problem helpers: each problem beside its field, announced, ids under `survey-error-`. */
export const { errorId, invalidProps, groupProps, FieldErrors, TextField } = checkedFormKit<ErrorSlot>('survey-error');
