import { Alert, App, Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/ipc/result';
import { useProblemText } from '../../lib/errors';
import { applyIssues } from '../../lib/form-errors';
import { guardImeEnter } from '../../lib/ime';

type NamePath = (string | number)[];

export interface FormModalProps<V, O> {
  title: ReactNode;
  testId: string;
  okText?: string;
  danger?: boolean;
  width?: number;
  /** A form the caller watches; otherwise the modal makes its own. */
  form?: FormInstance<V>;
  initialValues?: Record<string, unknown>;
  /** Without cancel, close button or Esc: a decision the user must make. */
  required?: boolean;
  /** Shown once the core has accepted the step. */
  success?: string;
  onCancel(): void;
  submit(values: V): Promise<Result<O>>;
  onDone(value: O): void;
  /** Maps the core's issue paths onto the form's fields (null: show above the form). */
  locate?(path: NamePath): NamePath | null;
  children: ReactNode;
}

/**
 * One lifecycle step as a modal form: vertical labels, Enter submits (never an IME Enter),
 * the core's refusals shown on their fields or above the form, nothing closes on a refusal.
 * Mounted only while open, so every opening starts from the initial values.
 */
export function FormModal<V, O>(p: FormModalProps<V, O>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const [own] = Form.useForm<V>();
  const form = p.form ?? own;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const finish = async (values: V) => {
    setBusy(true);
    setError(null);
    const r = await p.submit(values);
    setBusy(false);
    if (r.ok) {
      if (p.success) void message.success(p.success);
      p.onDone(r.value);
      return;
    }
    const unplaced = applyIssues(form, r.error.details ?? [], problemText, p.locate ?? ((path) => (path[0] === 'caseId' ? null : path)));
    const placed = (r.error.details ?? []).length > unplaced.length;
    setError([placed && unplaced.length === 0 ? t('caseWork.form.fixFields') : problemText(r.error), ...unplaced.map(problemText)].join('；'));
  };

  return (
    <Modal
      open
      title={p.title}
      width={p.width ?? 600}
      onCancel={p.required ? undefined : p.onCancel}
      closable={!p.required}
      keyboard={!p.required}
      mask={{ closable: false }}
      footer={[
        ...(p.required ? [] : [<Button key="cancel" size="large" onClick={p.onCancel} disabled={busy}>{t('common.cancel')}</Button>]),
        <Button key="ok" size="large" type="primary" danger={p.danger} loading={busy} onClick={() => form.submit()}
          data-testid={`${p.testId}-ok`}>
          {p.okText ?? t('caseWork.form.save')}
        </Button>,
      ]}
    >
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={p.initialValues}
        onFinish={(v) => void finish(v)}
        onKeyDown={guardImeEnter}
        scrollToFirstError={{ block: 'center' }}
        data-testid={p.testId}
        style={{ marginTop: 16 }}
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={`${p.testId}-error`} />}
        {p.children}
        {/* Enter in a field submits, like any form (UX.md, Keyboard). */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
