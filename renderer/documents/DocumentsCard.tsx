import { Alert, Card, Flex, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '../../shared/domain/case-file';
import { DOCUMENT_IDS, MINUTES_DOCUMENT_IDS, type DocumentId, type FileItem } from '../../shared/domain/documents';
import { roleHas } from '../../shared/domain/permissions';
import { useSignedIn } from '../auth/session';
import { api } from '../lib/api';
import { DocumentFrame } from './DocumentFrame';

/** Which document suits the case as it stands, so the select opens on something useful. */
function suggested(file: CaseFile): DocumentId {
  if (file.case.agreementForm === 'written') return 'agreement';
  if (file.case.agreementForm === 'oral') return 'oral_agreement';
  return file.case.acceptedOn ? 'registration' : 'application';
}

/** 文书: every paper of the case file, previewed exactly as it prints, with the required items the file still lacks. */
export function DocumentsCard({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  // The minutes' own documents are refused without cases.minutes: not offered.
  const offered = DOCUMENT_IDS.filter((d) => d !== 'meeting_notice' && (roleHas(user.role, 'cases.minutes') || !MINUTES_DOCUMENT_IDS.includes(d)));
  const [doc, setDoc] = useState<DocumentId>(() => suggested(file));
  const [missing, setMissing] = useState<FileItem[] | null>(null);

  useEffect(() => {
    void api.call('documents:missing', { caseId: file.case.id }).then((r) => setMissing(r.ok ? r.value : []));
  }, [file]);

  return (
    <Card variant="borderless" data-testid="case-documents" styles={{ body: { padding: 0 } }}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {missing && missing.length > 0 && (
          <Alert type="warning" showIcon data-testid="file-missing" title={t('documents.missing')}
            description={<Flex wrap gap={8}>{missing.map((m) => <Tag key={m.item}>{m.item}. {m.title}</Tag>)}</Flex>} />
        )}
        {missing && missing.length === 0 && <Alert type="success" showIcon title={t('documents.complete')} />}
        <DocumentFrame caseId={file.case.id} document={doc} version={file} toolbar={(
          <>
            <Typography.Text>{t('documents.choose')}</Typography.Text>
            {/* A meeting's notice is printed from the meeting (日程, or the case's 会议安排). */}
            <Select<DocumentId> value={doc} onChange={setDoc} style={{ minWidth: 260 }} data-testid="document-select"
              options={offered.map((d) => ({ value: d, label: t(`documents.names.${d}`) }))} />
            <Typography.Text type="secondary">{t('documents.printHint')}</Typography.Text>
          </>
        )} />
      </Space>
    </Card>
  );
}
