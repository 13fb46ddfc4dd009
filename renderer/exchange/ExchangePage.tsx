import { DownloadOutlined, ExportOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Progress, Radio, Space, Spin, Table, Tag, Tooltip, Typography, Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '../../shared/domain/dates';
import { packageFileName, type Level } from '../../shared/domain/exchange';
import type { ExchangeExportRow, ExchangeInfo, ExchangeJob } from '../../shared/domain/exchange-export';
import { roleHas } from '../../shared/domain/permissions';
import { useSignedIn } from '../auth/session';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatDate, useFormatMoment } from '../lib/format';
import { download } from '../statistics/download';
import { fromBase64, runExport } from './export-job';
import { Fingerprint, MONO, readText, recipientsIn } from './keys';

const fileLabel = (file: string) => file.replace(/\.ndjson$/, '');
const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** 数据交换 (EXCHANGE.md), the committee's side: its signing key, the office's recipient keys, exports and their receipts. */
export function ExchangePage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const problemText = useProblemText();
  const [info, setInfo] = useState<ExchangeInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api.call('exchange:info', {});
    if (r.ok) setInfo(r.value);
    else setError(t('exchange.loadFailed', { reason: problemText(r.error) }));
  }, [t, problemText]);

  const allowed = roleHas(user.role, 'stats.write');
  useEffect(() => { if (allowed) void load(); }, [allowed, load]);

  if (!allowed) return <Alert type="info" showIcon title={t('exchange.noPermission')} data-testid="exchange-no-permission" />;

  return (
    <Flex vertical gap={16} data-testid="exchange-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('exchange.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('exchange.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} data-testid="exchange-error" />}
      {!info && !error && <Spin />}
      {info && (
        <>
          <SigningKeyCard info={info} />
          <RecipientsCard info={info} admin={roleHas(user.role, 'admin')} onSaved={load} />
          <ExportCard info={info} onDone={load} />
          <HistoryCard exports={info.exports} />
        </>
      )}
    </Flex>
  );
}

function SigningKeyCard({ info }: { info: ExchangeInfo }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = () => void navigator.clipboard.writeText(info.signingKey.publicPem).then(() => message.success(t('exchange.copied')));
  return (
    <Card title={t('exchange.signing.title')} size="small" data-testid="exchange-signing">
      <Typography.Paragraph type="secondary">{t('exchange.signing.intro')}</Typography.Paragraph>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: '12em' } }}>
        <Descriptions.Item label={t('exchange.fingerprint')}>
          <Fingerprint value={info.signingKey.fingerprint} testId="exchange-signing-fingerprint" />
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange.signing.station')}>
          <Typography.Text style={{ fontFamily: MONO }} data-testid="exchange-station">{info.committee.station}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('exchange.signing.publicKey')}>
          <Flex vertical gap={8}>
            <Input.TextArea readOnly value={info.signingKey.publicPem} autoSize style={{ fontFamily: MONO, fontSize: '0.9em' }}
              data-testid="exchange-signing-pem" />
            <Space>
              <Button onClick={copy}>{t('exchange.signing.copyKey')}</Button>
              <Button icon={<DownloadOutlined />} data-testid="exchange-signing-save"
                onClick={() => download(`${info.committee.code}-signing-key.pem`, info.signingKey.publicPem, 'application/x-pem-file')}>
                {t('exchange.signing.saveKey')}
              </Button>
            </Space>
          </Flex>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function RecipientsCard({ info, admin, onSaved }: { info: ExchangeInfo; admin: boolean; onSaved(): Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const [form] = Form.useForm<{ recipients: string }>();
  const [busy, setBusy] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  const save = async ({ recipients }: { recipients: string }) => {
    const list = recipients.split(/\s+/).map((s) => s.trim()).filter(Boolean);
    setBusy(true);
    const r = await api.call('exchange:setRecipients', { recipients: list });
    setBusy(false);
    if (!r.ok) {
      form.setFields([{ name: 'recipients', errors: [problemText(r.error), ...(r.error.details ?? []).map(problemText)] }]);
      return;
    }
    form.resetFields();
    setJustSaved(true);
    await onSaved();
  };

  const fromFile = async (file: File) => {
    const found = recipientsIn(await readText(file));
    if (!found.length) {
      void message.error(t('exchange.recipients.noKeyInFile', { name: file.name }));
      return;
    }
    form.setFieldValue('recipients', found.join('\n'));
  };

  return (
    <Card title={t('exchange.recipients.title')} size="small" data-testid="exchange-recipients">
      {justSaved && <Alert type="success" showIcon title={t('exchange.recipients.saved')} style={{ marginBottom: 12 }} />}
      {info.recipients.length === 0
        ? <Alert type="warning" showIcon title={t('exchange.recipients.none')} style={{ marginBottom: 12 }} data-testid="exchange-no-recipients" />
        : (
          <Table
            size="small" pagination={false} rowKey="recipient" dataSource={info.recipients} data-testid="exchange-recipient-list"
            style={{ marginBottom: 12 }}
            columns={[
              { title: t('exchange.recipients.label'), dataIndex: 'recipient', render: (v: string) => <Typography.Text style={{ fontFamily: MONO, wordBreak: 'break-all' }}>{v}</Typography.Text> },
              { title: t('exchange.fingerprint'), dataIndex: 'fingerprint', width: 420, render: (v: string) => <Fingerprint value={v} testId="exchange-recipient-fingerprint" /> },
            ]}
          />
        )}
      {info.recipients.length > 0 && <Typography.Paragraph type="secondary">{t('exchange.fingerprintHint')}</Typography.Paragraph>}
      {admin ? (
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="exchange-recipients-form">
          <Form.Item name="recipients" label={t('exchange.recipients.label')} extra={t('exchange.recipients.help')}
            rules={[{ required: true, whitespace: true, message: t('exchange.recipients.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('exchange.recipients.placeholder')}
              style={{ fontFamily: MONO }} data-testid="exchange-recipients-input" />
          </Form.Item>
          <Space>
            <Upload accept=".txt,.pub,.key,text/plain" showUploadList={false} beforeUpload={(f) => { void fromFile(f); return false; }}>
              <Button icon={<UploadOutlined />}>{t('exchange.recipients.fromFile')}</Button>
            </Upload>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="exchange-recipients-save">{t('exchange.recipients.save')}</Button>
          </Space>
        </Form>
      ) : (
        <Typography.Text type="secondary">{t('exchange.recipients.adminOnly')}</Typography.Text>
      )}
    </Card>
  );
}

interface ExportValues { level: Level; scope: 'since_last' | 'range'; range?: [Dayjs, Dayjs] }

function ExportCard({ info, onDone }: { info: ExchangeInfo; onDone(): Promise<void> }) {
  const { t, i18n } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<ExportValues>();
  const scope = Form.useWatch('scope', form) ?? 'since_last';
  const level = Form.useWatch('level', form) ?? 'full';
  const [job, setJob] = useState<ExchangeJob | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const zh = i18n.language !== 'en';
  const lastSequence = info.exports.reduce((m, e) => Math.max(m, e.sequence), 0);
  const nextName = packageFileName(info.committee.code, lastSequence + 1, shanghaiDate());

  const run = async (v: ExportValues) => {
    setBusy(true);
    setError(null);
    setJob({ phase: 'starting', file: null, records: 0, done: false, error: null, result: null });
    const range = v.scope === 'range' && v.range ? { from: v.range[0].format('YYYY-MM-DD'), to: v.range[1].format('YYYY-MM-DD') } : undefined;
    const r = await runExport({ level: v.level, range }, setJob);
    setBusy(false);
    if (!r.ok) {
      setJob(null);
      setError(problemText(r.error));
      return;
    }
    if (!r.value) { setJob(null); return; }
    if (r.value.error) { setError(r.value.error); setJob(null); return; }
    const result = r.value.result;
    if (result?.contentBase64) download(result.fileName, fromBase64(result.contentBase64), 'application/octet-stream');
    await onDone();
  };

  const progressText = (j: ExchangeJob) => {
    if (j.phase === 'records' && j.file) return t('exchange.export.records', { file: t(`exchange.files.${fileLabel(j.file)}`), count: j.records });
    if (j.phase === 'statistics') return t('exchange.export.statistics');
    return t('exchange.export.starting');
  };
  const percent = (j: ExchangeJob) => (j.done ? 100 : j.phase === 'records' ? 50 : j.phase === 'statistics' ? 20 : 5);
  const result = job?.result ?? null;

  return (
    <Card title={t('exchange.export.title')} size="small" data-testid="exchange-export">
      <Form<ExportValues> form={form} layout="vertical" initialValues={{ level: 'full', scope: 'since_last' }} onFinish={(v) => void run(v)}>
        <Form.Item name="level" label={t('exchange.export.level')} extra={t(`exchange.export.levelHelp.${level}`)}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="exchange-level"
            options={(['full', 'deidentified'] as const).map((l) => ({ value: l, label: t(`exchange.export.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="scope" label={t('exchange.export.scope')}>
          <Radio.Group data-testid="exchange-scope" options={[
            { value: 'since_last', label: t('exchange.export.sinceLast', { count: info.changesSinceLast }) },
            { value: 'range', label: t('exchange.export.range') },
          ]} />
        </Form.Item>
        {scope === 'range' && (
          <Form.Item name="range" rules={[{ required: true, message: t('exchange.export.rangeRequired') }]}>
            <DatePicker.RangePicker format={zh ? 'YYYY年M月D日' : 'YYYY-MM-DD'} disabledDate={(d) => d.isAfter(dayjs())} data-testid="exchange-range" />
          </Form.Item>
        )}
        <Flex align="center" gap={16} wrap>
          <Button type="primary" size="large" icon={<ExportOutlined />} htmlType="submit" loading={busy}
            disabled={info.recipients.length === 0} data-testid="exchange-export-start">
            {t('exchange.export.start')}
          </Button>
          <Typography.Text type="secondary" data-testid="exchange-next-file">{t('exchange.export.nextFile', { name: nextName })}</Typography.Text>
          {info.recipients.length === 0 && <Typography.Text type="warning">{t('exchange.export.noRecipients')}</Typography.Text>}
        </Flex>
      </Form>
      {job && !result && (
        <div style={{ marginTop: 16 }} data-testid="exchange-progress">
          <Progress percent={percent(job)} status="active" />
          <Typography.Text type="secondary">{progressText(job)}</Typography.Text>
        </div>
      )}
      {error && <Alert type="error" showIcon title={t('exchange.export.failed', { reason: error })} style={{ marginTop: 16 }} data-testid="exchange-export-error" />}
      {result && (
        <Alert
          type="success" showIcon style={{ marginTop: 16 }} data-testid="exchange-export-done"
          title={t('exchange.export.done', { name: result.fileName })}
          description={(
            <Flex vertical gap={4}>
              <Typography.Text style={{ fontFamily: MONO, fontSize: '0.9em' }} copyable>{result.sha256}</Typography.Text>
              <span>{result.savedTo ? t('exchange.export.savedTo', { path: result.savedTo }) : t('exchange.export.downloaded')}</span>
              <CountTags counts={result.counts} />
            </Flex>
          )}
        />
      )}
    </Card>
  );
}

function CountTags({ counts }: { counts: Record<string, number> }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {Object.entries(counts).map(([file, n]) => <Tag key={file}>{t(`exchange.files.${fileLabel(file)}`)} {n}</Tag>)}
    </Space>
  );
}

function HistoryCard({ exports }: { exports: ExchangeExportRow[] }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const formatMoment = useFormatMoment();
  return (
    <Card title={t('exchange.history.title')} size="small">
      <Table<ExchangeExportRow>
        size="small" rowKey="id" dataSource={exports} data-testid="exchange-history" scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('exchange.history.empty') }}
        pagination={exports.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        columns={[
          { title: t('exchange.history.col.sequence'), dataIndex: 'sequence', width: 70 },
          { title: t('exchange.history.col.fileName'), dataIndex: 'fileName', render: (v: string) => <Typography.Text copyable>{v}</Typography.Text> },
          { title: t('exchange.history.col.level'), dataIndex: 'level', render: (v: Level) => <Tag color={v === 'full' ? 'blue' : 'green'}>{t(`exchange.export.levels.${v}`)}</Tag> },
          {
            title: t('exchange.history.col.range'), key: 'range',
            render: (_, r) => (r.range.kind === 'range'
              ? t('exchange.history.range', { from: formatDate(r.range.from), to: formatDate(r.range.to) })
              : t('exchange.history.sinceLast', { after: r.range.after_revision, to: r.range.to_revision })),
          },
          {
            title: t('exchange.history.col.records'), key: 'records',
            render: (_, r) => <Tooltip title={<CountTags counts={r.counts} />}><span>{total(r.counts)}</span></Tooltip>,
          },
          {
            title: t('exchange.history.col.sha256'), dataIndex: 'sha256',
            render: (v: string) => <Typography.Text copyable={{ text: v }} style={{ fontFamily: MONO }}>{`${v.slice(0, 12)}…`}</Typography.Text>,
          },
          { title: t('exchange.history.col.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatMoment(v) },
          { title: t('exchange.history.col.createdBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? t('exchange.history.commandLine') },
        ]}
      />
    </Card>
  );
}
