import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Space } from 'antd';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentId } from '../../shared/domain/documents';
import { api, isDesktop } from '../lib/api';
import { useProblemText } from '../lib/errors';

interface Props {
  caseId: number;
  document: DocumentId;
  /** A scheduled meeting's 调解通知书 (one page per invited party). */
  meetingId?: number;
  /** Rendered again when this changes (the case file after a step). */
  version?: unknown;
  /** Controls beside the print button, such as the choice of document. */
  toolbar?: ReactNode;
}

/**
 * One document previewed exactly as it prints (A4, the shipped fonts), with 打印 (Ctrl+P) and, in
 * the app, 保存为PDF. The frame runs no script: sandboxed, same origin only so the fonts load and
 * the page can print it.
 */
export function DocumentFrame({ caseId, document: doc, meetingId, version, toolbar }: Props) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    let live = true;
    setHtml(null);
    void api.call('documents:render', { caseId, document: doc, meetingId }).then((r) => {
      if (!live) return;
      if (r.ok) { setHtml(r.value.html); setError(null); } else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [caseId, doc, meetingId, version, problemText]);

  const print = useCallback(() => {
    if (!frame.current?.contentWindow) return;
    void api.call('documents:printed', { caseId, document: doc });
    frame.current.contentWindow.print();
  }, [caseId, doc]);
  const savePdf = async () => {
    const r = await api.call('documents:savePdf', { caseId, document: doc });
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
    <Flex vertical gap="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!html} onClick={print} data-testid="document-print">{t('documents.print')}</Button>
        {/* The PDF export renders the case's own documents; a meeting's notice prints from here. */}
        {isDesktop() && meetingId === undefined && (
          <Button icon={<FilePdfOutlined />} disabled={!html} onClick={() => void savePdf()} data-testid="document-save-pdf">{t('documents.savePdf')}</Button>
        )}
        {toolbar}
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      {html && (
        <iframe ref={frame} srcDoc={html} title={t(`documents.names.${doc}`)} sandbox="allow-same-origin allow-modals"
          data-testid="document-frame"
          style={{ width: '100%', maxWidth: 860, height: 1100, border: '1px solid #d9d9d9', background: '#fff', display: 'block', margin: '0 auto' }} />
      )}
    </Flex>
  );
}
