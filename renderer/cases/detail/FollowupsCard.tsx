import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../lib/format';
import { useCaseWork } from './context';

/** 回访记录: each visit with performance, satisfaction and what was found. */
export function FollowupsCard() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { file } = useCaseWork();
  if (file.followups.length === 0) return null;
  const dash = t('common.empty');
  return (
    <Card title={t('caseWork.followup.listTitle')} data-testid="case-followups">
      {file.followups.map((f) => (
        <Descriptions key={f.id} bordered size="small" column={{ xs: 1, md: 2, xxl: 4 }} style={{ marginBottom: 12 }}
          styles={{ label: { whiteSpace: 'nowrap', width: '1%' } }} items={[
            { key: 'date', label: t('caseWork.followup.date'), children: formatDate(f.visitedOn) },
            { key: 'visitor', label: t('caseWork.followup.visitor'), children: f.visitor ?? dash },
            { key: 'performance', label: t('caseWork.followup.performance'), children: f.performance ? t(`performance.${f.performance}`) : dash },
            { key: 'satisfaction', label: t('caseWork.followup.satisfaction'), children: f.satisfaction ? t(`satisfaction.${f.satisfaction}`) : dash },
            { key: 'notes', label: t('caseWork.followup.notes'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{f.notes ?? dash}</span> },
          ]} />
      ))}
    </Card>
  );
}
