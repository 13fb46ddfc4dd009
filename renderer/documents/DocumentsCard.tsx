import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../shared/domain/case-file';
import { DOCUMENT_IDS, type DocumentId, type FileItem } from '../../shared/domain/documents';
import { api, isDesktop } from '../lib/api';
import { useProblemText } from '../lib/errors';

/** Which document suits the case as it stands, so the select opens on something useful. */
function suggested(file: CaseFile): DocumentId {
  if (file.case.agreementForm === 'written') return 'agreement';
  if (file.case.agreementForm === 'oral') return 'oral_agreement';
  return file.case.acceptedOn ? 'registration' : 'application';
}

/**
 * 文书: every paper of the case file, previewed exactly as it prints (A4, the shipped fonts), with
 * the required items the file still lacks. The frame runs no script: sandboxed, same origin only so
 * the fonts load and the page can print it.
 */
export function DocumentsCard({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [doc, setDoc] = useState<DocumentId>(() => suggested(file));
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<FileItem[] | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    let live = true;
    setHtml(null);
    void api.call('documents:render', { caseId: file.case.id, document: doc }).then((r) => {
      if (!live) return;
      if (r.ok) { setHtml(r.value.html); setError(null); } else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [doc, file, problemText]);

  useEffect(() => {
    void api.call('documents:missing', { caseId: file.case.id }).then((r) => setMissing(r.ok ? r.value : []));
  }, [file]);

  const print = useCallback(() => {
    if (!frame.current?.contentWindow) return;
    void api.call('documents:printed', { caseId: file.case.id, document: doc });
    frame.current.contentWindow.print();
  }, [doc, file]);
  const savePdf = async () => {
    const r = await api.call('documents:savePdf', { caseId: file.case.id, document: doc });
    if (!r.ok) setError(problemText(r.error));
  };

  // Ctrl+P prints the document on screen (UX.md), not the whole app page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p' && html) {
        e.preventDefault();
        print();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [html, print]);

  return (
    <Card variant="borderless" data-testid="case-documents" styles={{ body: { padding: 0 } }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {missing && missing.length > 0 && (
          <Alert type="warning" showIcon data-testid="file-missing" title={t('documents.missing')}
            description={<Flex wrap gap={8}>{missing.map((m) => <Tag key={m.item}>{m.item}. {m.title}</Tag>)}</Flex>} />
        )}
        {missing && missing.length === 0 && <Alert type="success" showIcon title={t('documents.complete')} />}
        <Space wrap>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!html} onClick={print} data-testid="document-print">{t('documents.print')}</Button>
          {isDesktop() && (
            <Button icon={<FilePdfOutlined />} disabled={!html} onClick={() => void savePdf()} data-testid="document-save-pdf">{t('documents.savePdf')}</Button>
          )}
          <Typography.Text>{t('documents.choose')}</Typography.Text>
          <Select<DocumentId> value={doc} onChange={setDoc} style={{ minWidth: 260 }} data-testid="document-select"
            options={DOCUMENT_IDS.filter((d) => d !== 'meeting_notice').map((d) => ({ value: d, label: t(`documents.names.${d}`) }))} />
          <Typography.Text type="secondary">{t('documents.printHint')}</Typography.Text>
        </Space>
        {error && <Alert type="error" showIcon title={error} />}
        {html && (
          <iframe ref={frame} srcDoc={html} title={t(`documents.names.${doc}`)} sandbox="allow-same-origin allow-modals"
            data-testid="document-frame"
            style={{ width: '100%', maxWidth: 860, height: 1100, border: '1px solid #d9d9d9', background: '#fff', display: 'block', margin: '0 auto' }} />
        )}
      </Space>
    </Card>
  );
}
