import { Card, Descriptions, Select, Space, Tag } from 'antd';
import { PERFORMANCE_STATES } from '../../../shared/domain/enums';
import { api } from '../../lib/api';
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
  const w = useCaseWork();
  const { file } = w;
  const a = file.agreement;
  if (!a) return null;
  const editable = w.canWrite && file.case.status === 'agreed';
  const setTerm = async (term: number, performance: (typeof PERFORMANCE_STATES)[number]) => {
    const r = await api.call('cases:termPerformance', { caseId: file.case.id, term, performance });
    if (r.ok) await w.reload();
  };
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
                <div key={i} style={{ display: 'flex', gap: 8, alignItems: 'baseline', marginBottom: 4 }} data-testid={`agreement-term-${i}`}>
                  <span style={{ flex: 'none' }}>{termMarker(i + 1, zh)}</span>
                  <span style={{ whiteSpace: 'pre-wrap', flex: 1 }}>{term}</span>
                  {a.termPerformance?.[i] && (editable ? (
                    <Select size="small" value={a.termPerformance[i]} style={{ minWidth: 110 }} data-testid={`term-performance-${i}`}
                      aria-label={t('caseWork.agreement.termPerformance')}
                      onChange={(v) => void setTerm(i, v)}
                      options={PERFORMANCE_STATES.map((p) => ({ value: p, label: t(`performance.${p}`) }))} />
                  ) : (
                    <Tag style={TAG_COLOURS[PERFORMANCE_COLOUR[a.termPerformance[i]]]}>{t(`performance.${a.termPerformance[i]}`)}</Tag>
                  ))}
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
