import type { FormInstance } from 'antd';
import { ApiError } from './client';

/**
 * Puts the API's per-field errors on the form's fields; returns the message to show for the rest.
 */
export function showApiError(form: FormInstance | null, err: unknown, toast: (msg: string) => void) {
  if (!(err instanceof ApiError)) {
    toast('操作失败，请稍后重试');
    return;
  }
  const known = new Set(form ? Object.keys(form.getFieldsValue(true)) : []);
  const onFields = err.details.filter((d) => known.has(d.path.split('.')[0]));
  if (form && onFields.length) form.setFields(onFields.map((d) => ({ name: d.path.split('.')[0], errors: [d.message] })));
  if (!onFields.length || onFields.length < err.details.length) toast(err.message);
}

/**
 * The form's values when every field is valid, or null: the form already shows what is wrong, so a
 * failed check ends the submit quietly instead of escaping as an unhandled rejection.
 */
export const validValues = <T,>(form: FormInstance<T>): Promise<T | null> => form.validateFields().then((v) => v, () => null);
