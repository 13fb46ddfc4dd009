import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, Space, Spin, Table, Typography, Upload } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeStatus } from '../../shared/domain/office';
import { roleHas } from '../../shared/domain/permissions';
import { useSignedIn } from '../auth/session';
import { Fingerprint, MONO, readText } from '../exchange/keys';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { applyIssues } from '../lib/form-errors';
import { useFormatMoment } from '../lib/format';

type Committee = OfficeStatus['committees'][number];
interface RegisterValues { code: string; name?: string; publicKeyPem: string; replace: boolean; reason?: string }

const latest = (c: Committee): string | null =>
  c.stations.reduce<string | null>((m, s) => (m === null || s.lastCreatedAt > m ? s.lastCreatedAt : m), null);

/** 委员会: the office's own keys to hand out, pinning a committee's signing key, and every pinned committee. */
export function CommitteesPage({ status, onChanged }: { status: OfficeStatus | null; onChanged(): Promise<void> }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  if (!status) return <Spin />;
  return (
    <Flex vertical gap={16} data-testid="office-committees-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('office.menu.committees')}</Typography.Title>
      <Card title={t('office.keys.title')} size="small" data-testid="office-keys">
        <Table
          size="small" pagination={false} rowKey="recipient" dataSource={status.keys}
          columns={[
            { title: t('exchange.recipients.label'), dataIndex: 'recipient', render: (v: string) => <Typography.Text copyable style={{ fontFamily: MONO, wordBreak: 'break-all' }} data-testid="office-recipient">{v}</Typography.Text> },
            { title: t('exchange.fingerprint'), dataIndex: 'fingerprint', width: 420, render: (v: string) => <Fingerprint value={v} testId="office-recipient-fingerprint" /> },
          ]}
        />
      </Card>
      {roleHas(user.role, 'admin')
        ? <RegisterCard onRegistered={onChanged} />
        : <Alert type="info" showIcon title={t('office.register.adminOnly')} />}
      <CommitteeTable committees={status.committees} />
    </Flex>
  );
}

function RegisterCard({ onRegistered }: { onRegistered(): Promise<void> }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<RegisterValues>();
  const replace = Form.useWatch('replace', form) ?? false;
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: RegisterValues) => {
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await api.call('office:register', {
      code: v.code.trim(), name: v.name?.trim() || undefined, publicKeyPem: v.publicKeyPem, replace: v.replace, reason: v.reason?.trim() || undefined,
    });
    setBusy(false);
    if (!r.ok) {
      applyIssues(form, r.error.details ?? [], problemText);
      setError(problemText(r.error));
      return;
    }
    const { code, fingerprint, outcome, previousFingerprint } = r.value;
    setDone(t(`office.register.${outcome}`, { code, fingerprint, previous: previousFingerprint ?? '' }));
    form.resetFields();
    await onRegistered();
  };

  return (
    <Card title={t('office.register.title')} size="small" data-testid="office-register">
      <Typography.Paragraph type="secondary">{t('office.register.intro')}</Typography.Paragraph>
      {done && <Alert type="success" showIcon title={done} style={{ marginBottom: 12 }} data-testid="office-register-done" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="office-register-error" />}
      <Form<RegisterValues> form={form} layout="vertical" initialValues={{ replace: false }} onFinish={(v) => void submit(v)}>
        <Flex gap={16} wrap>
          <Form.Item name="code" label={t('office.register.code')} style={{ minWidth: 220 }}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={40} placeholder={t('office.register.codePlaceholder')} data-testid="office-register-code" />
          </Form.Item>
          <Form.Item name="name" label={t('office.register.name')} style={{ flex: 1, minWidth: 260 }}>
            <Input maxLength={100} data-testid="office-register-name" />
          </Form.Item>
        </Flex>
        <Form.Item name="publicKeyPem" label={t('office.register.publicKey')} extra={t('office.register.publicKeyHelp')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} style={{ fontFamily: MONO }} placeholder="-----BEGIN PUBLIC KEY-----"
            data-testid="office-register-pem" />
        </Form.Item>
        <Form.Item name="replace" valuePropName="checked" style={{ marginBottom: replace ? 12 : 16 }}>
          <Checkbox>{t('office.register.replace')}</Checkbox>
        </Form.Item>
        {replace && (
          <Form.Item name="reason" label={t('office.register.reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={500} />
          </Form.Item>
        )}
        <Space>
          <Upload accept=".pem,.pub,.txt,text/plain" showUploadList={false}
            beforeUpload={(f) => { void readText(f).then((text) => form.setFieldValue('publicKeyPem', text.trim())); return false; }}>
            <Button icon={<UploadOutlined />}>{t('office.register.fromFile')}</Button>
          </Upload>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="office-register-submit">{t('office.register.submit')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

function CommitteeTable({ committees }: { committees: Committee[] }) {
  const { t } = useTranslation();
  const formatMoment = useFormatMoment();
  return (
    <Card title={t('office.committees.title')} size="small">
      <Table<Committee>
        size="small" rowKey="code" dataSource={committees} data-testid="office-committee-list" scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('office.committees.empty') }} pagination={committees.length > 20 ? { pageSize: 20 } : false}
        onRow={(c) => ({ 'data-code': c.code } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('office.committees.col.code'), dataIndex: 'code' },
          { title: t('office.committees.col.name'), dataIndex: 'name' },
          { title: t('office.committees.col.fingerprint'), dataIndex: 'fingerprint', render: (v: string) => <Fingerprint value={v} testId="office-committee-fingerprint" compact /> },
          {
            title: t('office.committees.col.lastSequence'), key: 'lastSequence', align: 'right',
            render: (_, c) => <span data-testid="office-committee-sequence">{c.stations.length ? Math.max(...c.stations.map((s) => s.lastSequence)) : 0}</span>,
          },
          {
            title: t('office.committees.col.gaps'), key: 'gaps',
            render: (_, c) => {
              const gaps = c.stations.flatMap((s) => s.gaps);
              if (!gaps.length) return t('office.committees.none');
              return (
                <Flex vertical>
                  {gaps.map((g) => <span key={`${g.from}-${g.to}-${g.acceptedAt}`}>{t('office.committees.gap', { from: g.from, to: g.to, reason: g.reason ?? t('office.committees.noReason') })}</span>)}
                </Flex>
              );
            },
          },
          { title: t('office.committees.col.lastPackage'), key: 'lastPackage', render: (_, c) => (latest(c) ? formatMoment(latest(c)) : t('office.committees.never')) },
          {
            title: t('office.committees.col.stations'), key: 'stations',
            render: (_, c) => (c.stations.length === 0 ? t('office.committees.never') : (
              <Flex vertical>
                {c.stations.map((s) => (
                  <span key={s.station} style={{ whiteSpace: 'nowrap' }}>
                    {t('office.committees.station', { station: s.station.slice(0, 8), sequence: s.lastSequence })}
                  </span>
                ))}
              </Flex>
            )),
          },
          { title: t('office.committees.col.packages'), dataIndex: 'packages', align: 'right' },
          { title: t('office.committees.col.cases'), dataIndex: 'cases', align: 'right' },
        ]}
      />
    </Card>
  );
}
