import { useState, type ReactNode } from 'react';
import { App, Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { showApiError, validValues } from '../../api/forms';

export const longText = (rows = 3) => ({ autoSize: { minRows: rows, maxRows: 10 } });
export const reasonRules = (what = '理由', min = 2) => [{ required: true, whitespace: true, message: `请填写${what}` }, { min, message: `${what}至少 ${min} 个字` }];
export const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);

/** One dialog frame: OK validates, sends, shows the server's word, puts field errors on the fields. */
export function ActionModal<V extends object>({
  title,
  okText,
  form,
  onClose,
  send,
  done,
  danger,
  width,
  children,
  initialValues,
}: {
  title: ReactNode;
  okText: string;
  form: FormInstance<V>;
  onClose: () => void;
  send: (v: V) => Promise<unknown>;
  done: string | ((v: V) => string);
  danger?: boolean;
  width?: number;
  children: ReactNode;
  initialValues?: Partial<V>;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    const v = await validValues(form);
    if (!v) return;
    setBusy(true);
    try {
      await send(v);
      message.success(typeof done === 'string' ? done : done(v));
      onClose();
    } catch (e) {
      showApiError(form, e, message.error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} okText={okText} okButtonProps={{ danger, loading: busy }} onOk={ok} onCancel={onClose} destroyOnHidden width={width} maskClosable={false}>
      <Form form={form} layout="vertical" initialValues={initialValues as V} preserve={false}>
        {children}
      </Form>
    </Modal>
  );
}

/* ------------------------------------------------------------------ 审查 */

