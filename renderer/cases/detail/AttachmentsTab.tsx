import { DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Empty, Flex, Input, Modal, Space, Table, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit, ATTACHMENT_MAX_BYTES } from '../../../shared/domain/lifecycle';
import { api } from '../../lib/api';
import { useProblemText } from '../../lib/errors';
import { useFormatMoment } from '../../lib/format';
import { base64ToBlob, formatSize, mimeOf, readAsBase64 } from './attachment-io';
import { useCaseWork, type CaseFile } from './context';

type Attachment = CaseFile['attachments'][number];

/** An image shown from a blob: URL (the CSP allows blob: for images only). */
function Preview({ name, url, onClose }: { name: string; url: string; onClose(): void }) {
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <Modal open title={name} footer={null} width={900} onCancel={onClose} data-testid="attachment-preview">
      <img src={url} alt={name} style={{ maxWidth: '100%', display: 'block', margin: '0 auto' }} />
    </Modal>
  );
}

/** 附件: evidence photos and scans, kept inside the encrypted database; never written out as plain files by the app. */
export function AttachmentsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const formatMoment = useFormatMoment();
  const w = useCaseWork();
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ name: string; url: string } | null>(null);
  const editable = w.canWrite && canEdit(w.file.case.status, 'attachment');

  const upload = async (file: File) => {
    setError(null);
    if (file.size === 0) return setError(t('caseWork.attachments.empty'));
    if (file.size > ATTACHMENT_MAX_BYTES) return setError(t('caseWork.attachments.tooBig', { size: formatSize(file.size) }));
    setBusy(true);
    const r = await api.call('cases:addAttachment', {
      caseId: w.caseId, name: file.name.slice(0, 200), mime: mimeOf(file), contentBase64: await readAsBase64(file),
      note: note.trim() || undefined,
    });
    setBusy(false);
    if (!r.ok) return setError([problemText(r.error), ...(r.error.details ?? []).map(problemText)].join('；'));
    setNote('');
    void message.success(t('caseWork.attachments.added', { name: file.name }));
    void w.reload();
  };

  const open = async (a: Attachment, download: boolean) => {
    const r = await api.call('cases:attachment', { caseId: w.caseId, id: a.id });
    if (!r.ok) return void message.error(problemText(r.error));
    const url = URL.createObjectURL(base64ToBlob(r.value.contentBase64, r.value.mime));
    if (!download && r.value.mime.startsWith('image/')) return setPreview({ name: r.value.name, url });
    const link = document.createElement('a');
    link.href = url;
    link.download = r.value.name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };

  return (
    <Flex vertical gap={16} data-testid="attachments-tab">
      {editable && (
        <Space wrap align="start">
          <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ width: '22em' }}
            placeholder={t('caseWork.attachments.notePlaceholder')} data-testid="attachment-note" />
          <Button type="primary" icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid="attachment-upload">
            {t('caseWork.attachments.upload')}
          </Button>
          <Typography.Text type="secondary">{t('caseWork.attachments.limit')}</Typography.Text>
          <input ref={input} type="file" hidden data-testid="attachment-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }} />
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="attachment-error" />}
      <Table<Attachment> rowKey="id" pagination={false} dataSource={w.file.attachments} data-testid="attachments"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseWork.attachments.none')} /> }}
        columns={[
          { key: 'name', title: t('caseWork.attachments.name'), render: (_, a) => a.name },
          { key: 'note', title: t('caseWork.attachments.note'), render: (_, a) => a.note ?? t('common.empty') },
          { key: 'size', title: t('caseWork.attachments.size'), render: (_, a) => formatSize(a.size) },
          { key: 'createdAt', title: t('caseWork.attachments.createdAt'), render: (_, a) => formatMoment(a.createdAt) },
          {
            key: 'actions', title: '', width: '1%',
            render: (_, a) => (
              <Space>
                {a.mime.startsWith('image/') && (
                  <Button icon={<EyeOutlined />} onClick={() => void open(a, false)} data-testid={`attachment-view-${a.id}`}>{t('caseWork.attachments.view')}</Button>
                )}
                <Button icon={<DownloadOutlined />} onClick={() => void open(a, true)} data-testid={`attachment-download-${a.id}`}>{t('caseWork.attachments.download')}</Button>
              </Space>
            ),
          },
        ]} />
      {preview && <Preview name={preview.name} url={preview.url} onClose={() => setPreview(null)} />}
    </Flex>
  );
}
