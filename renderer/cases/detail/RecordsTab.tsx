import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../../../shared/domain/lifecycle';
import { useFormatMoment } from '../../lib/format';
import { TAG_COLOURS } from '../../lib/tag-colours';
import { useCaseWork, type CaseFile } from './context';
import { RecordModal, type RecordKind } from './RecordModal';

type CaseRecord = CaseFile['records'][number];

function RecordView({ r }: { r: CaseRecord }) {
  const { t } = useTranslation();
  const formatMoment = useFormatMoment();
  const dash = t('common.empty');
  const mediation = r.kind === 'mediation';
  const list = (xs: string[]) => (xs.length ? xs.join('、') : dash);
  const text = (s: string | null) => <span style={{ whiteSpace: 'pre-wrap' }}>{s ?? dash}</span>;
  return (
    <Card size="small" type="inner" data-testid={`record-${r.id}`} title={
      <Space wrap>
        <Tag style={mediation ? TAG_COLOURS.blue : TAG_COLOURS.cyan}>{t(`caseWork.records.${r.kind}.name`)}</Tag>
        <span>{formatMoment(r.heldAt)}</span>
        {r.place && <Typography.Text type="secondary">{r.place}</Typography.Text>}
      </Space>
    }>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { whiteSpace: 'nowrap' } }} items={[
        ...(mediation
          ? [{ key: 'subject', label: t('caseWork.records.subject'), children: r.subject ?? dash },
            { key: 'private', label: t('caseWork.records.openness'), children: r.private ? t('caseWork.records.private') : t('caseWork.records.public') },
            { key: 'parties', label: t('caseWork.records.partiesPresent'), children: list(r.partiesPresent) }]
          : [{ key: 'interviewee', label: t('caseWork.records.interviewee'), children: r.interviewee ?? dash }]),
        { key: 'attendees', label: t('caseWork.records.attendees'), children: list(r.attendees) },
        { key: 'content', label: t(`caseWork.records.${r.kind}.content`), children: text(r.content), span: 'filled' },
        ...(mediation ? [{ key: 'result', label: t('caseWork.records.result'), children: text(r.result), span: 'filled' as const }] : []),
        { key: 'recorder', label: t('caseWork.records.recorder'), children: r.recorder ?? dash },
      ]} />
    </Card>
  );
}

/** 调查与调解记录: every investigation and meeting, in the order they happened. */
export function RecordsTab() {
  const { t } = useTranslation();
  const w = useCaseWork();
  const [adding, setAdding] = useState<RecordKind | null>(null);
  const status = w.file.case.status;
  const editable = w.canWrite && canEdit(status, 'record');
  return (
    <Flex vertical gap={16} data-testid="records-tab">
      {editable && (
        <Space wrap>
          {status !== 'registered' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding('mediation')} data-testid="record-add-mediation">
              {t('caseWork.records.mediation.add')}
            </Button>
          )}
          <Button icon={<PlusOutlined />} onClick={() => setAdding('investigation')} data-testid="record-add-investigation">
            {t('caseWork.records.investigation.add')}
          </Button>
          {status === 'accepted' && <Typography.Text type="secondary">{t('caseWork.records.startsMediation')}</Typography.Text>}
        </Space>
      )}
      {w.file.records.length === 0
        ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseWork.records.none')} />
        : w.file.records.map((r) => <RecordView key={r.id} r={r} />)}
      {adding && <RecordModal kind={adding} onClose={() => setAdding(null)} />}
    </Flex>
  );
}
