import { Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useApiFeedback } from './api-feedback';
import { formErrorsOf } from './form-errors';

/**
 * An antd form whose values go to the API: `submit` (the form's onFinish) marks it busy, sends, and
 * then either toasts `succeeded` and hands the answer to `onSent`, or puts the API's field errors
 * beside their fields (see formErrorsOf) and notifies `failed` with the code.
 */
export function useApiForm<Values, Result>({
  send,
  fieldByApi,
  messages,
  succeeded,
  failed,
  onSent,
  keepValues = false,
}: {
  /** undefined: nothing to send to yet (an edit form with no record), so submitting does nothing. */
  send: ((values: Values) => Promise<Result>) | undefined;
  fieldByApi: Partial<Record<string, Extract<keyof Values, string>>>;
  messages?: Partial<Record<string, string>>;
  succeeded: (result: Result) => string;
  failed: string;
  onSent: (result: Result) => void;
  /** A create form starts empty again once sent; an edit form shows what was saved. */
  keepValues?: boolean;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const feedback = useApiFeedback();

  const submit = async (values: Values) => {
    if (!send) return;
    setBusy(true);
    try {
      const result = await send(values);
      feedback.success(succeeded(result));
      if (!keepValues) form.resetFields();
      onSent(result);
    } catch (caught) {
      // Each name is a top-level key of Values, which antd's generic NamePath cannot see here.
      const errors = formErrorsOf(caught, fieldByApi, messages);
      form.setFields(errors as Parameters<FormInstance<Values>['setFields']>[0]);
      feedback.error(caught, failed);
    } finally {
      setBusy(false);
    }
  };

  return { form, busy, submit };
}

/** The modal around a useApiForm form: its OK button submits the form and spins while it is busy. */
export function FormModal<Values>({
  title,
  open,
  okText = '创建',
  width,
  form,
  busy,
  onClose,
  children,
}: {
  title: ReactNode;
  open: boolean;
  okText?: string;
  width: number;
  form: FormInstance<Values>;
  busy: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={width}
    >
      {children}
    </Modal>
  );
}
