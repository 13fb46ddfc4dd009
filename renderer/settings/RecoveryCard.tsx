import { Alert, App, Button, Card, Divider, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryStatus } from '../../shared/domain/recovery';
import type { AppError } from '../../shared/ipc/result';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatMoment } from '../lib/format';

interface ChangeForm { current?: string; adminPassword?: string; next: string; confirm: string }

/** 设置 → 恢复口令与托管 (admin): a new recovery passphrase (the key rewrapped), the escrow to the office on or off. */
export function RecoveryCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const formatMoment = useFormatMoment();
  const [form] = Form.useForm<ChangeForm>();
  const [status, setStatus] = useState<RecoveryStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState<'change' | 'escrow' | null>(null);
  const [recipient, setRecipient] = useState<string | undefined>();

  const errorText = useCallback((e: AppError) => (e.details?.length ? e.details.map(problemText).join('；') : problemText(e)), [problemText]);

  const load = useCallback(async () => {
    const r = await api.call('recovery:status', {});
    if (!r.ok) return setError(errorText(r.error));
    setStatus(r.value);
    setRecipient((old) => old ?? r.value.officeRecipients[0]?.recipient);
  }, [errorText]);

  useEffect(() => { void load(); }, [load]);

  const byKeyStore = status?.unlockedBy === 'keyStore';

  const change = async (v: ChangeForm) => {
    setBusy('change');
    setError(null);
    setChanged(false);
    const r = await api.call('recovery:changePassphrase', byKeyStore
      ? { adminPassword: v.adminPassword, next: v.next, confirm: v.confirm }
      : { current: v.current, next: v.next, confirm: v.confirm });
    setBusy(null);
    if (!r.ok) return setError(errorText(r.error));
    form.resetFields();
    setChanged(true);
  };

  const escrow = async (to: string | null) => {
    setBusy('escrow');
    setError(null);
    const r = await api.call('recovery:setEscrow', { recipient: to });
    setBusy(null);
    if (!r.ok) return setError(errorText(r.error));
    setStatus(r.value);
    void message.success(t(to ? 'recovery.escrow.enabled' : 'recovery.escrow.disabled'));
  };

  const required = [{ required: true, whitespace: true, message: t('recovery.change.required') }];
  return (
    <Card title={t('recovery.title')} data-testid="recovery-card">
      <Typography.Paragraph type="secondary">{t('recovery.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="recovery-error" />}
      {changed && <Alert type="success" showIcon title={t('recovery.change.done')} style={{ marginBottom: 16 }} data-testid="recovery-changed" />}
      <Typography.Title level={5}>{t('recovery.change.title')}</Typography.Title>
      <Form form={form} layout="vertical" style={{ maxWidth: '32em' }} onFinish={(v) => void change(v)} data-testid="recovery-form">
        {byKeyStore ? (
          <Form.Item name="adminPassword" label={t('recovery.change.adminPassword')} extra={t('recovery.change.adminPasswordHelp')} rules={required}>
            <Input.Password autoComplete="current-password" maxLength={200} data-testid="recovery-admin-password" />
          </Form.Item>
        ) : (
          <Form.Item name="current" label={t('recovery.change.current')} rules={required}>
            <Input.Password autoComplete="off" spellCheck={false} maxLength={500} data-testid="recovery-current" />
          </Form.Item>
        )}
        <Form.Item name="next" label={t('recovery.change.next')} extra={t('recovery.change.nextHelp')} rules={required}>
          <Input.Password autoComplete="new-password" spellCheck={false} maxLength={500} data-testid="recovery-next" />
        </Form.Item>
        <Form.Item name="confirm" label={t('recovery.change.confirm')} dependencies={['next']} rules={required}>
          <Input.Password autoComplete="new-password" spellCheck={false} maxLength={500} data-testid="recovery-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy === 'change'} data-testid="recovery-submit">{t('recovery.change.submit')}</Button>
      </Form>

      <Divider />
      <Typography.Title level={5}>
        {t('recovery.escrow.title')}{' '}
        <Tag color={status?.escrow ? 'green' : 'default'} data-testid="recovery-escrow-state">
          {t(status?.escrow ? 'recovery.escrow.on' : 'recovery.escrow.off')}
        </Tag>
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('recovery.escrow.intro')}</Typography.Paragraph>
      {status?.escrow ? (
        <Space orientation="vertical">
          <Typography.Text>
            {t('recovery.escrow.since', { fingerprint: status.escrow.fingerprint, at: formatMoment(status.escrow.enabledAt) })}
          </Typography.Text>
          <Popconfirm title={t('recovery.escrow.disableConfirm')} onConfirm={() => void escrow(null)}>
            <Button danger loading={busy === 'escrow'} data-testid="recovery-escrow-off">{t('recovery.escrow.disable')}</Button>
          </Popconfirm>
        </Space>
      ) : status && !status.officeRecipients.length ? (
        <Alert type="info" showIcon title={t('recovery.escrow.noRecipients')} />
      ) : status ? (
        <Form layout="vertical" style={{ maxWidth: '40em' }}>
          <Form.Item label={t('recovery.escrow.recipient')} extra={t('recovery.escrow.recipientHelp')}>
            <Select value={recipient} onChange={setRecipient} data-testid="recovery-escrow-recipient"
              options={status.officeRecipients.map((r) => ({
                value: r.recipient,
                label: `${r.recipient.slice(0, 16)}… · ${t('recovery.escrow.fingerprint', { fingerprint: r.fingerprint })}`,
              }))} />
          </Form.Item>
          <Popconfirm title={t('recovery.escrow.enableConfirm')} onConfirm={() => void escrow(recipient ?? null)} disabled={!recipient}>
            <Button loading={busy === 'escrow'} disabled={!recipient} data-testid="recovery-escrow-on">{t('recovery.escrow.enable')}</Button>
          </Popconfirm>
        </Form>
      ) : null}
    </Card>
  );
}
