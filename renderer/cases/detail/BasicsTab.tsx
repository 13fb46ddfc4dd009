import { Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/domain/case';
import { isReferral } from '../../../shared/domain/enums';
import { formatFen } from '../../../shared/domain/money';
import { useFormatDate, useFormatMoment } from '../../lib/format';
import { StatusTag } from '../StatusTag';
import { caseCategoryText } from '../categories';

/** 基本情况: what was registered. */
export function BasicsTab({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const formatMoment = useFormatMoment();
  const dash = t('common.empty');
  const items = [
    { key: 'caseNo', label: t('cases.detail.caseNo'), children: c.caseNo },
    { key: 'status', label: t('cases.detail.status'), children: <StatusTag status={c.status} /> },
    { key: 'category', label: t('cases.detail.category'), children: <span data-testid="case-category-text">{caseCategoryText(t, c.category, c.localCategory)}</span> },
    { key: 'channel', label: t('cases.detail.channel'), children: t(`channels.${c.channel}`) },
    ...(isReferral(c.channel) ? [{ key: 'referralBody', label: t('cases.detail.referralBody'), children: c.referralBody ?? dash }] : []),
    { key: 'registeredOn', label: t('cases.detail.registeredOn'), children: formatDate(c.registeredOn) },
    { key: 'acceptedOn', label: t('cases.detail.acceptedOn'), children: formatDate(c.acceptedOn) },
    { key: 'leadMediator', label: t('cases.detail.leadMediator'), children: c.leadMediator ?? dash },
    { key: 'amount', label: t('cases.detail.amount'), children: c.amountFen === null ? dash : formatFen(c.amountFen) },
    { key: 'personsInvolved', label: t('cases.detail.personsInvolved'), children: c.personsInvolved },
    ...(c.externalCode ? [{ key: 'externalCode', label: t('cases.detail.externalCode'), children: c.externalCode }] : []),
    { key: 'createdBy', label: t('cases.detail.createdBy'), children: c.createdBy ?? dash },
    { key: 'createdAt', label: t('cases.detail.createdAt'), children: formatMoment(c.createdAt) },
    { key: 'updatedAt', label: t('cases.detail.updatedAt'), children: formatMoment(c.updatedAt) },
  ];
  const labelStyle = { whiteSpace: 'nowrap' as const, width: '1%' };
  return (
    <>
      <Descriptions bordered column={{ xs: 1, md: 2, xxl: 3 }} items={items} styles={{ label: labelStyle }}
        data-testid="case-basics" />
      <Descriptions bordered column={1} styles={{ label: labelStyle }} style={{ marginTop: 16 }} items={[
        {
          key: 'summary', label: t('cases.detail.summary'),
          children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="case-summary-text">{c.summary}</Typography.Paragraph>,
        },
        {
          key: 'requests', label: t('cases.detail.requests'),
          children: c.requests.length === 0 ? t('cases.detail.noRequests') : (
            <ol style={{ margin: 0, paddingInlineStart: '1.5em' }} data-testid="case-requests">
              {c.requests.map((r, i) => <li key={i}>{r}</li>)}
            </ol>
          ),
        },
      ]} />
    </>
  );
}
