import { Alert, App, Button, Card, Empty, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../shared/ipc/contract';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatDate } from '../lib/format';
import { guardImeEnter } from '../lib/ime';

type Due = Output<'cases:retentionDue'>[number];
type Kind = 'anonymise' | 'destroy';

/** Asks once, says exactly what will be removed (UX.md), and records the reason. */
function RetentionActionModal({ kind, file, onClose, onDone }: { kind: Kind; file: Due; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const k = `settings.retention.${kind}`;

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    const r = await api.call(kind === 'anonymise' ? 'cases:anonymise' : 'cases:destroy', { caseId: file.id, reason });
    setBusy(false);
    if (!r.ok) return setError([problemText(r.error), ...(r.error.details ?? []).map(problemText)].join('；'));
    void message.success(t(`${k}.done`, { caseNo: file.caseNo }));
    onDone();
  };

  return (
    <Modal open title={t(`${k}.title`, { caseNo: file.caseNo })} width={680} onCancel={onClose} mask={{ closable: false }}
      footer={[
        <Button key="cancel" size="large" onClick={onClose} disabled={busy}>{t('common.cancel')}</Button>,
        <Button key="ok" size="large" type="primary" danger loading={busy} onClick={() => form.submit()} data-testid={`retention-${kind}-ok`}>
          {t(`${k}.ok`)}
        </Button>,
      ]}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} onKeyDown={guardImeEnter} data-testid={`retention-${kind}-form`}>
        <Alert type="warning" showIcon title={t(`${k}.removes`)} description={t(`${k}.keeps`)} style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="reason" label={t('settings.retention.reason')}
          rules={[{ required: true, whitespace: true, message: t('settings.retention.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('settings.retention.reasonPlaceholder')}
            data-testid={`retention-${kind}-reason`} />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

/** 保管期满卷宗: archived files past their retention period, for an admin to anonymise or destroy. */
export function RetentionDueCard() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const problemText = useProblemText();
  const [due, setDue] = useState<Due[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acting, setActing] = useState<{ kind: Kind; file: Due } | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('cases:retentionDue', {});
    if (r.ok) {
      setDue(r.value);
      setError(null);
    } else setError(problemText(r.error));
  }, [problemText]);

  useEffect(() => { void load(); }, [load]);

  return (
    <Card title={t('settings.retention.title')} data-testid="retention-due">
      <Typography.Paragraph type="secondary">{t('settings.retention.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<Due> rowKey="id" loading={due === null && !error} dataSource={due ?? []} pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('settings.retention.none')} /> }}
        columns={[
          { key: 'caseNo', title: t('cases.columns.caseNo'), render: (_, d) => <a href={`#/cases/${d.id}`}>{d.caseNo}</a> },
          { key: 'archivedOn', title: t('settings.retention.archivedOn'), render: (_, d) => formatDate(d.archivedOn) },
          { key: 'retention', title: t('settings.retention.period'), render: (_, d) => t(`caseWork.retention.${d.retention}`, { defaultValue: d.retention }) },
          { key: 'expiredOn', title: t('settings.retention.expiredOn'), render: (_, d) => formatDate(d.expiredOn) },
          {
            key: 'actions', title: '', width: '1%',
            render: (_, d) => (
              <Space>
                <Button onClick={() => setActing({ kind: 'anonymise', file: d })} data-testid={`retention-anonymise-${d.id}`}>{t('settings.retention.anonymise.button')}</Button>
                <Button danger onClick={() => setActing({ kind: 'destroy', file: d })} data-testid={`retention-destroy-${d.id}`}>{t('settings.retention.destroy.button')}</Button>
              </Space>
            ),
          },
        ]} />
      {acting && (
        <RetentionActionModal kind={acting.kind} file={acting.file} onClose={() => setActing(null)}
          onDone={() => { setActing(null); void load(); }} />
      )}
    </Card>
  );
}
