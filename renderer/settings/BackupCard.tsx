import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Backup, BackupSettings } from '../../shared/domain/backup';
import type { Output } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/result';
import { useSession } from '../auth/session';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatMoment } from '../lib/format';

type Status = Output<'backup:status'>;

const KIND_COLOURS: Record<Backup['kind'], string> = { auto: 'blue', manual: 'green', 'pre-migration': 'gold', 'pre-restore': 'purple' };

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The core's refusal in the reader's language: the detail (with the file and reason) when there is one. */
function useErrorText(): (e: AppError) => string {
  const problemText = useProblemText();
  return useCallback((e: AppError) => (e.details?.length ? e.details.map(problemText).join('；') : problemText(e)), [problemText]);
}

/** Says what a restore does before it happens (UX.md): replaced data, the safety copy, signing in again. */
function RestoreModal({ backup, onClose }: { backup: Backup; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { refresh } = useSession();
  const formatMoment = useFormatMoment();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const restore = async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('backup:restore', { file: backup.file });
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    void message.success(t('backup.restored', { name: backup.name }));
    onClose();
    // Signed out by the core: the session shows the sign-in screen.
    await refresh();
  };

  return (
    <Modal open title={t('backup.confirm.title')} width={640} onCancel={onClose} mask={{ closable: false }}
      footer={[
        <Button key="cancel" size="large" onClick={onClose} disabled={busy}>{t('common.cancel')}</Button>,
        <Button key="ok" size="large" type="primary" danger loading={busy} onClick={() => void restore()} data-testid="backup-restore-ok">
          {t('backup.confirm.ok')}
        </Button>,
      ]}>
      <Typography.Paragraph>{t('backup.confirm.body', { name: backup.name, at: formatMoment(backup.at) })}</Typography.Paragraph>
      <Alert type="warning" showIcon title={t('backup.confirm.signIn')} description={t('backup.confirm.safety')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} data-testid="backup-restore-error" />}
    </Modal>
  );
}

/** 设置 → 备份与恢复 (admin): the folder, how many automatic backups to keep, the list, 立即备份 and 恢复. */
export function BackupCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formatMoment = useFormatMoment();
  const errorText = useErrorText();
  const [form] = Form.useForm<BackupSettings>();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'save' | 'backup' | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('backup:status', {});
    if (!r.ok) return setError(errorText(r.error));
    setStatus(r.value);
    form.setFieldsValue({ ...r.value.settings, folder: r.value.settings.folder ?? '' });
  }, [errorText, form]);

  useEffect(() => { void load(); }, [load]);

  const save = async (v: BackupSettings) => {
    setBusy('save');
    setError(null);
    const r = await api.call('backup:saveSettings', { ...v, folder: v.folder?.trim() ? v.folder.trim() : null });
    setBusy(null);
    if (!r.ok) return setError(errorText(r.error));
    void message.success(t('backup.saved'));
    await load();
  };

  const choose = async () => {
    const r = await api.call('backup:chooseFolder', {});
    if (!r.ok) return setError(errorText(r.error));
    if (r.value.folder) form.setFieldValue('folder', r.value.folder);
  };

  const backupNow = async () => {
    setBusy('backup');
    setError(null);
    const r = await api.call('backup:create', {});
    setBusy(null);
    if (!r.ok) return setError(errorText(r.error));
    void message.success(t('backup.created', { name: r.value.name }));
    await load();
  };

  const failure = status?.lastFailure;
  return (
    <Card title={t('backup.title')} data-testid="backup-card">
      <Typography.Paragraph type="secondary">{t('backup.intro')}</Typography.Paragraph>
      {status && !status.settings.folder && <Alert type="warning" showIcon title={t('backup.noFolder')} style={{ marginBottom: 16 }} />}
      {failure && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} data-testid="backup-failure"
          title={t('backup.failure', { at: formatMoment(failure.at), reason: t(`backup.reasons.${failure.reason}`, { defaultValue: failure.reason }) })} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="backup-error" />}
      <Form form={form} layout="vertical" style={{ maxWidth: '44em' }} onFinish={(v) => void save(v)}
        initialValues={{ folder: '', keep: 7, enabled: true }}>
        <Form.Item label={t('backup.folder')} extra={t('backup.folderHelp')}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="folder" noStyle>
              <Input placeholder={t('backup.folderPlaceholder')} data-testid="backup-folder" />
            </Form.Item>
            {status?.canChooseFolder && <Button onClick={() => void choose()} data-testid="backup-choose">{t('backup.choose')}</Button>}
          </Space.Compact>
        </Form.Item>
        <Space size="large" wrap align="start">
          <Form.Item name="keep" label={t('backup.keep')} extra={t('backup.keepHelp')} style={{ maxWidth: '24em' }}>
            <InputNumber min={1} max={365} data-testid="backup-keep" />
          </Form.Item>
          <Form.Item name="enabled" label={t('backup.enabled')} valuePropName="checked">
            <Switch data-testid="backup-enabled" />
          </Form.Item>
        </Space>
        <Space>
          <Button htmlType="submit" loading={busy === 'save'} data-testid="backup-save">{t('backup.save')}</Button>
          <Button type="primary" loading={busy === 'backup'} disabled={!status?.settings.folder} onClick={() => void backupNow()} data-testid="backup-now">
            {t('backup.backupNow')}
          </Button>
        </Space>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('backup.list')}</Typography.Title>
      <Table<Backup> rowKey="file" loading={status === null && !error} dataSource={status?.backups ?? []} pagination={{ pageSize: 10, hideOnSinglePage: true }}
        size="middle" data-testid="backup-list"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('backup.none')} /> }}
        columns={[
          { key: 'at', title: t('backup.columns.at'), render: (_, b) => formatMoment(b.at) },
          { key: 'kind', title: t('backup.columns.kind'), render: (_, b) => <Tag color={KIND_COLOURS[b.kind]}>{t(`backup.kinds.${b.kind}`)}</Tag> },
          { key: 'size', title: t('backup.columns.size'), render: (_, b) => size(b.bytes) },
          { key: 'name', title: t('backup.columns.name'), render: (_, b) => <Typography.Text type="secondary" title={b.file}>{b.name}</Typography.Text> },
          {
            key: 'actions', title: '', width: '1%',
            render: (_, b) => <Button onClick={() => setRestoring(b)} data-testid={`backup-restore-${b.name}`}>{t('backup.restore')}</Button>,
          },
        ]} />
      {restoring && <RestoreModal backup={restoring} onClose={() => setRestoring(null)} />}
    </Card>
  );
}
