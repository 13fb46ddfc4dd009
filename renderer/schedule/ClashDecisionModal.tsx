import { Alert, Button, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clash } from '../../shared/domain/scheduling';
import type { Output } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { ReasonInput } from '../cases/detail/ReasonInput';
import { useProblemText } from '../lib/errors';
import { guardImeEnter } from '../lib/ime';
import { ClashList } from './ClashList';

type Scheduled = Output<'schedule:create'>;

interface Props {
  clashes: Clash[];
  /** 放弃 (a drag is put back) or 返回修改 (back to the form). */
  abandonText: string;
  onAbandon(): void;
  /** The same call again, now with the reason. */
  override(reason: string): Promise<Result<Scheduled>>;
  onDone(id: number): void;
}

/**
 * Clashes are never silent: each one is listed with what it clashes with, and going ahead takes a
 * reason, which the core records with the clashes. Nothing was written before this choice.
 */
export function ClashDecisionModal({ clashes: first, abandonText, onAbandon, override, onDone }: Props) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<{ reason: string }>();
  const [clashes, setClashes] = useState(first);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const go = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    const r = await override(reason.trim());
    setBusy(false);
    if (!r.ok) return setError(problemText(r.error));
    // Someone else booked in the meantime: the list is what stands now.
    if (r.value.id === null) return setClashes(r.value.clashes);
    onDone(r.value.id);
  };

  return (
    <Modal open width={720} title={t('schedule.decide.title', { count: clashes.length })} onCancel={onAbandon} mask={{ closable: false }}
      footer={[
        <Button key="abandon" size="large" onClick={onAbandon} disabled={busy} data-testid="clash-abandon">{abandonText}</Button>,
        <Button key="go" size="large" type="primary" danger loading={busy} onClick={() => form.submit()} data-testid="clash-override">
          {t('schedule.decide.override')}
        </Button>,
      ]}>
      {/* The test id on the body: Ant Design's modal root is a zero-size wrapper. */}
      <div data-testid="clash-modal">
        <Typography.Paragraph>{t('schedule.decide.intro')}</Typography.Paragraph>
        <ClashList clashes={clashes} testId="clash-modal-list" />
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} data-testid="clash-modal-error" />}
        <Form form={form} layout="vertical" onFinish={(v) => void go(v)} onKeyDown={guardImeEnter} style={{ marginTop: 16 }}>
          <Form.Item name="reason" label={t('schedule.decide.reason')}
            rules={[{ required: true, whitespace: true, message: t('schedule.decide.reasonRequired') }]}>
            <ReasonInput testId="clash-reason" choices={[t('schedule.decide.choicePartyTime'), t('schedule.decide.choiceAgreed'), t('schedule.decide.choiceRoom')]}
              placeholder={t('schedule.decide.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
