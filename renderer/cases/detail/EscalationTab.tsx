import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../../../shared/domain/lifecycle';
import { useFormatDate, useFormatMoment } from '../../lib/format';
import { TAG_COLOURS } from '../../lib/tag-colours';
import { useCaseWork } from './context';
import { EscalationModal } from './EscalationModal';
import { PreventionPanel } from './PreventionPanel';

/** 防激化 (Art 25): risks found, steps taken, reports to the police, and the prevention flags. */
export function EscalationTab() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const formatMoment = useFormatMoment();
  const w = useCaseWork();
  const [adding, setAdding] = useState(false);
  const editable = w.canWrite && canEdit(w.file.case.status, 'escalation');
  const pre = (s: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{s}</span>;
  return (
    <Flex vertical gap={16} data-testid="escalation-tab">
      <div>
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>{t('caseWork.escalation.title')}</Typography.Title>
          {editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="escalation-add">
              {t('caseWork.escalation.add')}
            </Button>
          )}
        </Flex>
        {w.file.escalations.length === 0
          ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseWork.escalation.none')} />
          : w.file.escalations.map((e) => (
            <Card key={e.id} size="small" type="inner" style={{ marginBottom: 12 }} title={formatMoment(e.recordedAt)}
              extra={e.policeReported ? <Tag style={TAG_COLOURS.volcano}>{t('caseWork.escalation.reportedTag')}</Tag> : null}>
              <Descriptions column={1} size="small" items={[
                { key: 'risk', label: t('caseWork.escalation.risk'), children: pre(e.risk) },
                { key: 'steps', label: t('caseWork.escalation.steps'), children: pre(e.steps) },
                ...(e.policeReported ? [{
                  key: 'police', label: t('caseWork.escalation.policeUnit'),
                  children: `${e.policeUnit ?? t('common.empty')}${e.policeReportedAt ? `（${formatDate(e.policeReportedAt)}）` : ''}`,
                }] : []),
              ]} />
            </Card>
          ))}
      </div>
      <PreventionPanel />
      {adding && <EscalationModal onClose={() => setAdding(false)} />}
    </Flex>
  );
}
