import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { shanghaiDate } from '../../../shared/domain/dates';
import { useFormatDate } from '../../lib/format';
import { useCaseWork } from './context';
import { DeadlineTag } from './DeadlineTag';

/** 办理进展: the mediation deadline and extensions, the outcome, closing and archiving. */
export function ProgressCard() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const { file } = useCaseWork();
  const c = file.case;
  const dash = t('common.empty');
  const running = c.status === 'accepted' || c.status === 'in_mediation';
  const pre = (s: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{s}</span>;
  const items = [
    ...(file.rejectionReason ? [{ key: 'rejection', label: t('caseWork.progress.rejectionReason'), children: pre(file.rejectionReason), span: 'filled' as const }] : []),
    ...(c.acceptedOn && !c.outcome ? [{
      key: 'dueOn', label: t('cases.detail.dueOn'),
      children: running ? <DeadlineTag due={c.dueOn} testId="case-due-tag" /> : formatDate(c.dueOn),
    }] : []),
    ...(file.extensions.length ? [{
      key: 'extensions', label: t('caseWork.progress.extensions'), span: 'filled' as const,
      children: file.extensions.map((e, i) => (
        <div key={i}>{t('caseWork.progress.extensionLine', { from: formatDate(e.previousDueOn), to: formatDate(e.newDueOn), consent: e.consent })}</div>
      )),
    }] : []),
    ...(c.outcome ? [
      { key: 'outcome', label: t('cases.detail.outcome'), children: t(`outcomes.${c.outcome}`) },
      { key: 'concludedOn', label: t('cases.detail.concludedOn'), children: formatDate(c.concludedOn) },
    ] : []),
    ...(file.failureRoutes.length ? [{
      key: 'routes', label: t('caseWork.progress.routes'), children: file.failureRoutes.map((r) => t(`caseWork.routes.${r}`)).join('、'),
    }] : []),
    ...(file.terminationReason ? [{ key: 'termination', label: t('caseWork.progress.terminationReason'), children: pre(file.terminationReason), span: 'filled' as const }] : []),
    ...(c.satisfaction ? [{ key: 'satisfaction', label: t('cases.detail.satisfaction'), children: t(`satisfaction.${c.satisfaction}`) }] : []),
    ...(c.closedOn ? [{ key: 'closedOn', label: t('cases.detail.closedOn'), children: formatDate(c.closedOn) }] : []),
    ...(file.archivedOn ? [
      { key: 'archivedOn', label: t('caseWork.progress.archivedOn'), children: formatDate(file.archivedOn) },
      { key: 'retention', label: t('caseWork.progress.retention'), children: file.retention ? t(`caseWork.retention.${file.retention}`) : dash },
    ] : []),
  ];
  if (items.length === 0) return null;
  return (
    <Card title={t('cases.detail.progress')} data-testid="case-progress">
      <Descriptions bordered column={{ xs: 1, md: 2, xxl: 3 }} items={items} styles={{ label: { whiteSpace: 'nowrap', width: '1%' } }} />
      {running && c.dueOn !== null && c.dueOn < shanghaiDate() && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t('caseWork.progress.overdueHint')}</Typography.Paragraph>
      )}
    </Card>
  );
}
