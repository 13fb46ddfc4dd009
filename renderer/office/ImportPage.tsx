import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PACKAGE_EXTENSION, RECORD_FILES } from '../../shared/domain/exchange';
import type { OfficeImportResult, OfficeStatus, Receipt } from '../../shared/domain/office';
import type { AppError } from '../../shared/ipc/result';
import { MONO } from '../exchange/keys';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatMoment } from '../lib/format';
import { uploadPackage } from './upload';

interface Sent { fileName: string; uploadId: string }
type Stage =
  | { kind: 'pick' }
  | { kind: 'uploading'; name: string; index: number; total: number; percent: number }
  | { kind: 'importing' }
  | { kind: 'result'; sent: Sent[]; result: OfficeImportResult };

const fileLabel = (file: string) => file.replace(/\.ndjson$/, '');

/** 导入数据包: one or many packages, uploaded then verified and applied in order; each shown applied or refused. */
export function ImportPage({ status, onChanged }: { status: OfficeStatus | null; onChanged(): Promise<void> }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [error, setError] = useState<string | null>(null);

  const importSent = async (sent: Sent[], gap?: { reason: string }) => {
    setStage({ kind: 'importing' });
    const r = await api.call('office:import', {
      files: sent.map((s) => ({ uploadId: s.uploadId, fileName: s.fileName })),
      acceptGap: gap !== undefined, reason: gap?.reason,
    });
    if (!r.ok) {
      setError(problemText(r.error));
      setStage({ kind: 'pick' });
      return;
    }
    setStage({ kind: 'result', sent, result: r.value });
    await onChanged();
  };

  const pick = async (files: File[]) => {
    setError(null);
    const sent: Sent[] = [];
    for (const [index, f] of files.entries()) {
      setStage({ kind: 'uploading', name: f.name, index: index + 1, total: files.length, percent: 0 });
      const up = await uploadPackage(f, (bytes) => setStage({ kind: 'uploading', name: f.name, index: index + 1, total: files.length, percent: Math.floor((bytes / Math.max(1, f.size)) * 100) }));
      if (!up.ok) {
        setError(up.error === 'tooLarge' ? t('office.import.tooLarge', { name: f.name }) : problemText(up.error as AppError));
        setStage({ kind: 'pick' });
        return;
      }
      sent.push({ fileName: f.name, uploadId: up.value });
    }
    await importSent(sent);
  };

  return (
    <Flex vertical gap={16} data-testid="office-import-page">
      <Typography.Title level={3} style={{ margin: 0 }}>{t('office.import.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('office.import.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} data-testid="office-import-error" />}
      {stage.kind === 'pick' && (
        <Upload.Dragger
          accept={PACKAGE_EXTENSION.slice(PACKAGE_EXTENSION.lastIndexOf('.'))} multiple showUploadList={false} data-testid="office-import-file"
          beforeUpload={(f, list) => {
            // Called once per file of the selection: the whole selection goes when its last file arrives.
            if (f === list[list.length - 1]) void pick([...list]);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('office.import.pick')}</p>
          <p className="ant-upload-hint">{t('office.import.pickHint')}</p>
        </Upload.Dragger>
      )}
      {stage.kind === 'uploading' && (
        <Card data-testid="office-import-progress">
          <Progress percent={stage.percent} status="active" />
          <Typography.Text type="secondary">{t('office.import.uploading', { name: stage.name, index: stage.index, total: stage.total })}</Typography.Text>
        </Card>
      )}
      {stage.kind === 'importing' && (
        <Card data-testid="office-import-progress">
          <Progress percent={100} status="active" showInfo={false} />
          <Typography.Text type="secondary">{t('office.import.importing')}</Typography.Text>
        </Card>
      )}
      {stage.kind === 'result' && (
        <ResultView sent={stage.sent} result={stage.result} onAcceptGap={(reason) => {
          const applied = new Set(stage.result.applied.map((a) => a.fileName));
          void importSent(stage.sent.filter((s) => !applied.has(s.fileName)), { reason });
        }} onAnother={() => setStage({ kind: 'pick' })} />
      )}
      <Receipts receipts={status?.receipts ?? []} />
    </Flex>
  );
}

function ResultView({ sent, result, onAcceptGap, onAnother }: {
  sent: Sent[]; result: OfficeImportResult; onAcceptGap(reason: string): void; onAnother(): void;
}) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [form] = Form.useForm<{ reason: string }>();
  const handled = new Set([...result.applied.map((a) => a.fileName), result.refused?.fileName]);
  const notReached = sent.filter((s) => !handled.has(s.fileName));
  return (
    <Flex vertical gap={12} data-testid="office-import-result">
      {result.applied.map((a) => (
        <Alert
          key={a.receiptId} type="success" showIcon data-testid="office-import-applied"
          title={t('office.import.appliedTitle', { fileName: a.fileName, committee: a.committee, sequence: a.sequence })}
          description={(
            <Flex vertical gap={4}>
              <Space size={[4, 4]} wrap>
                {RECORD_FILES.map((f) => {
                  const c = a.counts[f];
                  return (
                    <Tag key={f} data-file={f}>
                      {t('office.import.counts', { label: t(`exchange.files.${fileLabel(f)}`), applied: c.applied, lines: c.lines })}
                      {c.older > 0 && t('office.import.older', { count: c.older })}
                      {c.deleted > 0 && t('office.import.deleted', { count: c.deleted })}
                    </Tag>
                  );
                })}
              </Space>
              {a.gap && <span>{t('office.import.gapAccepted', { from: a.gap.from, to: a.gap.to })}</span>}
            </Flex>
          )}
        />
      ))}
      {result.refused && (
        <Alert
          type="error" showIcon data-testid="office-import-refused" data-refusal={result.refused.refusal}
          title={t('office.import.refusedTitle', { fileName: result.refused.fileName })}
          description={(
            <Flex vertical gap={8}>
              <span data-testid="office-import-refused-message">{problemText(result.refused)}</span>
              {result.refused.refusal === 'sequence_gap' && (
                <Form form={form} layout="vertical" onFinish={(v) => onAcceptGap(v.reason.trim())} data-testid="office-accept-gap">
                  <Typography.Paragraph style={{ margin: 0 }}>{t('office.import.acceptGapIntro')}</Typography.Paragraph>
                  <Form.Item name="reason" label={t('office.import.reason')} style={{ margin: '8px 0' }}
                    rules={[{ required: true, whitespace: true, message: t('office.import.reasonRequired') }]}>
                    <Input maxLength={500} placeholder={t('office.import.reasonPlaceholder')} data-testid="office-accept-gap-reason" />
                  </Form.Item>
                  <Button danger htmlType="submit" data-testid="office-accept-gap-submit">{t('office.import.acceptGap')}</Button>
                </Form>
              )}
            </Flex>
          )}
        />
      )}
      {notReached.map((s) => <Alert key={s.uploadId} type="warning" showIcon title={t('office.import.notReached', { fileName: s.fileName })} />)}
      <div><Button onClick={onAnother} data-testid="office-import-another">{t('office.import.another')}</Button></div>
    </Flex>
  );
}

function Receipts({ receipts }: { receipts: Receipt[] }) {
  const { t } = useTranslation();
  const formatMoment = useFormatMoment();
  if (!receipts.length) return null;
  return (
    <Card title={t('office.import.receipts')} size="small">
      <Table<Receipt>
        size="small" rowKey="id" dataSource={receipts} pagination={receipts.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 'max-content' }}
        data-testid="office-receipts"
        columns={[
          { title: t('office.import.col.fileName'), dataIndex: 'fileName' },
          { title: t('office.import.col.committee'), dataIndex: 'committee' },
          { title: t('office.import.col.sequence'), dataIndex: 'sequence', align: 'right' },
          { title: t('office.import.col.level'), dataIndex: 'level', render: (v: Receipt['level']) => t(`exchange.export.levels.${v}`) },
          { title: t('office.import.col.records'), key: 'records', align: 'right', render: (_, r) => Object.values(r.records).reduce((a, b) => a + b, 0) },
          { title: t('office.import.col.sha256'), dataIndex: 'sha256', render: (v: string) => <Typography.Text copyable={{ text: v }} style={{ fontFamily: MONO }}>{`${v.slice(0, 12)}…`}</Typography.Text> },
          { title: t('office.import.col.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatMoment(v) },
          { title: t('office.import.col.importedAt'), dataIndex: 'importedAt', render: (v: string) => formatMoment(v) },
          { title: t('office.import.col.importedBy'), dataIndex: 'importedBy', render: (v: string | null) => v ?? t('exchange.history.commandLine') },
        ]}
      />
    </Card>
  );
}
