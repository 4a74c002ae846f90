import type { Form } from 'antd-mobile';
import { ApiError } from '../../../api/client';

type FormInstance = ReturnType<typeof Form.useForm>[0];

/**
 * The API's per-field errors onto an antd-mobile form's fields (its first path segment names the
 * field); anything else, or a failure without details, is told through `toast`.
 */
export function putApiErrors(form: FormInstance, err: unknown, toast: (msg: string) => void) {
  if (!(err instanceof ApiError)) return toast('操作失败，请稍后重试');
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const onFields = err.details.filter((d) => known.has(d.path.split('.')[0]));
  if (onFields.length) form.setFields(onFields.map((d) => ({ name: d.path.split('.')[0], errors: [d.message] })));
  if (!onFields.length || onFields.length < err.details.length) toast(err.message);
}
