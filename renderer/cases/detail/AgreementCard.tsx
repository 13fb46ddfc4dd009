import { Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../shared/domain/money';
import { useFormatDate } from '../../lib/format';
import { TAG_COLOURS, type TagColour } from '../../lib/tag-colours';
import { useCaseWork } from './context';
import { DeadlineTag } from './DeadlineTag';
import { termMarker } from './numbering';

const PERFORMANCE_COLOUR: Record<string, TagColour> = { performing: 'gold', performed: 'green', partial: 'orange', unperformed: 'volcano' };
const JC_COLOUR: Record<string, TagColour> = { none: 'grey', applied: 'blue', confirmed: 'green', refused: 'volcano' };

/** 调解协议: its terms, amount, how and by when it is performed, performance and judicial confirmation. */
export function AgreementCard() {
  const { t, i18n } = useTranslation();
  const formatDate = useFormatDate();
  const { file } = useCaseWork();
  const a = file.agreement;
  if (!a) return null;
  const dash = t('common.empty');
  const zh = i18n.language !== 'en';
  const jcDates = [
    a.jcAppliedOn ? t('caseWork.agreement.jcAppliedOn', { date: formatDate(a.jcAppliedOn) }) : null,
    a.jcDecidedOn ? t('caseWork.agreement.jcDecidedOn', { date: formatDate(a.jcDecidedOn) }) : null,
  ].filter(Boolean).join(' · ');
  return (
    <Card title={t('caseWork.agreement.title')} data-testid="case-agreement">
      <Descriptions bordered column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: 'nowrap', width: '1%' } }} items={[
        { key: 'form', label: t('cases.detail.agreementForm'), children: t(`agreementForms.${a.form}`) },
        { key: 'effectiveOn', label: t('caseWork.agreement.effectiveOn'), children: formatDate(a.effectiveOn) },
        {
          key: 'terms', label: t('caseWork.agreement.terms'), span: 'filled',
          children: (
            <div data-testid="agreement-terms">
              {a.terms.map((term, i) => (
                <div key={i} style={{ display: 'flex', gap: 4 }}>
                  <span style={{ flex: 'none' }}>{termMarker(i + 1, zh)}</span>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{term}</span>
                </div>
              ))}
            </div>
          ),
        },
        { key: 'amount', label: t('cases.detail.agreementAmount'), children: a.amountFen === null ? dash : formatFen(a.amountFen) },
        { key: 'method', label: t('caseWork.agreement.method'), children: a.performanceMethod ?? dash },
        { key: 'deadline', label: t('caseWork.agreement.deadline'), children: formatDate(a.performanceDeadline) },
        {
          key: 'performance', label: t('cases.detail.performance'),
          children: <Tag style={TAG_COLOURS[PERFORMANCE_COLOUR[a.performance]]} data-testid="agreement-performance">{t(`performance.${a.performance}`)}</Tag>,
        },
        {
          key: 'jc', label: t('cases.detail.jcStatus'), span: 'filled',
          children: (
            <Space wrap data-testid="agreement-jc">
              <Tag style={TAG_COLOURS[JC_COLOUR[a.jcStatus]]} data-testid="agreement-jc-status">{t(`jcStatuses.${a.jcStatus}`)}</Tag>
              {jcDates && <span>{jcDates}</span>}
              {a.jcStatus === 'none' && file.case.status !== 'archived' && (
                <Space size="small" wrap>
                  <span>{t('caseWork.agreement.jcDeadline')}</span>
                  <DeadlineTag due={a.jcDeadline} testId="agreement-jc-deadline" />
                </Space>
              )}
            </Space>
          ),
        },
      ]} />
    </Card>
  );
}
