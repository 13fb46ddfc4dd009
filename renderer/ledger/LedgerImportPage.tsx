import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Progress, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { LedgerIssue, LedgerJob, LedgerReport } from '../../shared/domain/ledger';
import { roleHas } from '../../shared/domain/permissions';
import { useSignedIn } from '../auth/session';
import { useProblemText } from '../lib/errors';
import { runLedgerJob, uploadLedger, type Step } from './upload';
import './ledger.css';

type Stage =
  | { kind: 'pick' }
  | { kind: 'working'; dryRun: boolean; job: LedgerJob | null; sent: number; size: number }
  | { kind: 'checked'; report: LedgerReport }
  | { kind: 'done'; report: LedgerReport };

/** 导入台账 (LEDGER.md): pick a ledger, read the dry run's report, confirm, watch the progress, copy the numbers given. */
export function LedgerImportPage() {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const [stage, setStage] = useState<Stage>({ kind: 'pick' });
  const [file, setFile] = useState<File | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const failed = (step: Step<unknown>): boolean => {
    if (step.ok) return false;
    setError(step.error === 'tooLarge' ? t('ledger.tooLarge') : problemText(step.error));
    setStage({ kind: 'pick' });
    return true;
  };

  const run = async (id: string, f: File, dryRun: boolean) => {
    setStage({ kind: 'working', dryRun, job: null, sent: f.size, size: f.size });
    const r = await runLedgerJob(id, f.name, dryRun, (job) => setStage({ kind: 'working', dryRun, job, sent: f.size, size: f.size }));
    if (failed(r) || !r.ok) return;
    if (r.value.error || !r.value.report) {
      setError(r.value.error ?? t('ledger.failed'));
      setStage({ kind: 'pick' });
      return;
    }
    setStage({ kind: dryRun ? 'checked' : 'done', report: r.value.report });
  };

  const pick = async (f: File) => {
    setError(null);
    setFile(f);
    setStage({ kind: 'working', dryRun: true, job: null, sent: 0, size: f.size });
    const up = await uploadLedger(f, (sent) => setStage({ kind: 'working', dryRun: true, job: null, sent, size: f.size }));
    if (failed(up) || !up.ok) return;
    setUploadId(up.value);
    await run(up.value, f, true);
  };

  const reset = () => { setStage({ kind: 'pick' }); setFile(null); setUploadId(null); setError(null); };

  if (!roleHas(user.role, 'stats.write')) {
    return <Alert type="info" showIcon message={t('ledger.noPermission')} />;
  }

  return (
    <Flex vertical gap={16} className="ledger-page" data-testid="ledger-page">
      <Flex align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/statistics')}>{t('ledger.back')}</Button>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('ledger.title')}</Typography.Title>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('ledger.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} data-testid="ledger-error" closable onClose={() => setError(null)} />}

      {stage.kind === 'pick' && (
        <Upload.Dragger
          accept=".xlsx,.csv" multiple={false} showUploadList={false} data-testid="ledger-file"
          beforeUpload={(f) => { void pick(f); return false; }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('ledger.pick')}</p>
          <p className="ant-upload-hint">{t('ledger.pickHint')}</p>
        </Upload.Dragger>
      )}

      {stage.kind === 'working' && <Working stage={stage} fileName={file?.name ?? ''} />}

      {stage.kind === 'checked' && (
        <ReportView report={stage.report}>
          <Space>
            <Button onClick={reset}>{t('ledger.another')}</Button>
            {!stage.report.errors.length && stage.report.toImport > 0 && (
              <Button type="primary" data-testid="ledger-confirm" onClick={() => void run(uploadId!, file!, false)}>
                {t('ledger.confirm', { count: stage.report.toImport })}
              </Button>
            )}
          </Space>
        </ReportView>
      )}

      {stage.kind === 'done' && (
        <ReportView report={stage.report}>
          <Space>
            <Button onClick={reset}>{t('ledger.another')}</Button>
            <Button type="primary" onClick={() => void navigate('/statistics')}>{t('ledger.toStatistics')}</Button>
          </Space>
        </ReportView>
      )}
    </Flex>
  );
}

function Working({ stage, fileName }: { stage: Extract<Stage, { kind: 'working' }>; fileName: string }) {
  const { t } = useTranslation();
  const job = stage.job;
  const uploading = stage.sent < stage.size && !job;
  let percent: number;
  let text: string;
  if (uploading || !job) {
    percent = stage.size ? Math.floor((stage.sent / stage.size) * 100) : 0;
    text = t('ledger.uploading', { name: fileName });
  } else {
    percent = job.total ? Math.min(100, Math.floor((job.read / job.total) * 100)) : 0;
    text = job.phase === 'write' || job.phase === 'index'
      ? t(job.phase === 'write' ? 'ledger.writing' : 'ledger.indexing', { read: job.read, total: job.total })
      : job.phase === 'scan' ? t('ledger.scanning') : t(stage.dryRun ? 'ledger.checking' : 'ledger.rechecking', { read: job.read, total: job.total });
  }
  return (
    <Card data-testid="ledger-progress">
      <Typography.Text strong>{stage.dryRun ? t('ledger.checkTitle') : t('ledger.importTitle')}</Typography.Text>
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary" data-testid="ledger-progress-text">{text}</Typography.Text>
    </Card>
  );
}

function ReportView({ report, children }: { report: LedgerReport; children: ReactNode }) {
  const { t } = useTranslation();
  const bad = report.errors.length > 0;
  const generatedText = report.generated.map((g) => `${g.row}\t${g.caseNo}`).join('\n');
  return (
    <Flex vertical gap={16} data-testid={report.dryRun ? 'ledger-report' : 'ledger-result'}>
      {bad ? (
        <Alert type="error" showIcon message={t('ledger.bad', { count: report.errors.length })} description={t('ledger.badHint')} />
      ) : report.dryRun ? (
        <Alert type="success" showIcon message={t('ledger.ready', { count: report.toImport, skipped: report.skipped.length })} />
      ) : (
        <Alert type="success" showIcon data-testid="ledger-done" message={t('ledger.done', { count: report.imported, skipped: report.skipped.length })} />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, md: 3 }}>
        <Descriptions.Item label={t('ledger.file')}>{report.fileName}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.rows')}>{report.rows}</Descriptions.Item>
        {!bad && (
          <Descriptions.Item label={report.dryRun ? t('ledger.toImport') : t('ledger.imported')}>{report.dryRun ? report.toImport : report.imported}</Descriptions.Item>
        )}
        <Descriptions.Item label={t('ledger.skipped')}>{report.skipped.length}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.errorCount')}>{report.errors.length}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.encoding')}>
          {report.format === 'xlsx' ? 'Excel (.xlsx)' : `CSV · ${report.encoding === 'gb18030' ? 'GB18030' : 'UTF-8'}`}
        </Descriptions.Item>
      </Descriptions>

      {bad && (
        <Card title={t('ledger.badRows')} size="small">
          <Table<LedgerIssue>
            size="small" rowKey={(e) => `${e.row}:${e.column}:${e.message}`} dataSource={report.errors} data-testid="ledger-errors"
            pagination={report.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            columns={[
              { title: t('ledger.col.row'), dataIndex: 'row', width: 80 },
              { title: t('ledger.col.column'), dataIndex: 'column', width: 160 },
              { title: t('ledger.col.reason'), dataIndex: 'message' },
            ]}
          />
        </Card>
      )}

      {report.warnings.length > 0 && (
        <Alert type="warning" showIcon message={t('ledger.warnings')} description={<ul className="ledger-list">{report.warnings.map((w) => <li key={`${w.row}${w.message}`}>{w.message}</li>)}</ul>} />
      )}
      {report.unknownColumns.length > 0 && (
        <Alert type="info" showIcon message={t('ledger.unknownColumns')} description={<Space wrap>{report.unknownColumns.map((c) => <Tag key={c}>{c}</Tag>)}</Space>} />
      )}
      {report.newMediators.length > 0 && !bad && (
        <Alert type="info" showIcon message={t(report.dryRun ? 'ledger.newMediatorsWill' : 'ledger.newMediators')} description={report.newMediators.join('、')} />
      )}

      {report.dryRun && report.preview.rows.length > 0 && (
        <Card title={t('ledger.preview')} size="small">
          <Table<string[]>
            size="small" pagination={false} scroll={{ x: 'max-content' }} rowKey={(_, i) => String(i)} dataSource={report.preview.rows}
            columns={report.preview.headers.map((h, i) => ({ title: h, key: String(i), render: (_: unknown, r: string[]) => r[i], ellipsis: true, width: 120 }))}
          />
        </Card>
      )}

      {report.generated.length > 0 && !bad && (
        <Card
          size="small" data-testid="ledger-generated"
          title={t(report.dryRun ? 'ledger.generatedWill' : 'ledger.generated', { count: report.generated.length })}
          extra={!report.dryRun && <Typography.Text copyable={{ text: generatedText, tooltips: [t('ledger.copy'), t('ledger.copied')] }}>{t('ledger.copy')}</Typography.Text>}
        >
          <Table
            size="small" rowKey="row" dataSource={report.generated}
            pagination={report.generated.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[{ title: t('ledger.col.row'), dataIndex: 'row', width: 80 }, { title: t('ledger.col.caseNo'), dataIndex: 'caseNo' }]}
          />
        </Card>
      )}

      {report.skipped.length > 0 && !bad && (
        <Card size="small" title={t('ledger.skippedTitle', { count: report.skipped.length })}>
          <Table
            size="small" rowKey="row" dataSource={report.skipped}
            pagination={report.skipped.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            columns={[
              { title: t('ledger.col.row'), dataIndex: 'row', width: 80 },
              { title: t('ledger.col.existing'), dataIndex: 'existing' },
              { title: t('ledger.col.reason'), key: 'reason', render: (_: unknown, s: LedgerReport['skipped'][number]) => t(s.reason === 'number' ? 'ledger.skipNumber' : 'ledger.skipMatch') },
            ]}
          />
        </Card>
      )}
      {children}
    </Flex>
  );
}
