import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { CaseDetail } from '../../shared/domain/case';
import { isReferral } from '../../shared/domain/enums';
import { shanghaiDate } from '../../shared/domain/dates';
import { formatFen } from '../../shared/domain/money';
import type { AppError } from '../../shared/ipc/result';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { useFormatDate, useFormatMoment } from '../lib/format';
import { LIFECYCLE_STEPS, lifecyclePosition } from './lifecycle';
import { PartyList } from './PartyList';
import { StatusTag } from './StatusTag';

function Lifecycle({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const { current, state } = lifecyclePosition(c.status);
  return (
    <Steps
      current={current}
      status={state}
      data-testid="case-lifecycle"
      items={LIFECYCLE_STEPS.map((s, i) => ({
        title: c.status === 'rejected' && i === 1 ? t('cases.detail.notAccepted') : t(`lifecycle.${s}`),
        content: i === 3 && current === 3 ? t(`statuses.${c.status}`) : undefined,
      }))}
    />
  );
}

function Basics({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const formatMoment = useFormatMoment();
  const dash = t('common.empty');
  const items = [
    { key: 'caseNo', label: t('cases.detail.caseNo'), children: c.caseNo },
    { key: 'status', label: t('cases.detail.status'), children: <StatusTag status={c.status} /> },
    { key: 'category', label: t('cases.detail.category'), children: t(`categories.${c.category}`) },
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

/** Where the case stands after acceptance: deadline, outcome, agreement, performance, follow-up. */
function Progress({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const pending = c.outcome === null && c.status !== 'rejected';
  const overdue = pending && c.dueOn !== null && c.dueOn < shanghaiDate();
  const items = [
    {
      key: 'dueOn', label: t('cases.detail.dueOn'),
      children: <Space>{formatDate(c.dueOn)}{overdue && <Tag color="#a8071a" data-testid="case-overdue">{t('cases.detail.overdue')}</Tag>}</Space>,
    },
    ...(c.outcome ? [
      { key: 'outcome', label: t('cases.detail.outcome'), children: t(`outcomes.${c.outcome}`) },
      { key: 'concludedOn', label: t('cases.detail.concludedOn'), children: formatDate(c.concludedOn) },
    ] : []),
    ...(c.agreementForm ? [
      { key: 'agreementForm', label: t('cases.detail.agreementForm'), children: t(`agreementForms.${c.agreementForm}`) },
      { key: 'agreementAmount', label: t('cases.detail.agreementAmount'), children: c.agreementAmountFen === null ? t('common.empty') : formatFen(c.agreementAmountFen) },
      { key: 'performance', label: t('cases.detail.performance'), children: c.performance ? t(`performance.${c.performance}`) : t('common.empty') },
      { key: 'jcStatus', label: t('cases.detail.jcStatus'), children: t(`jcStatuses.${c.jcStatus}`) },
    ] : []),
    ...(c.satisfaction ? [{ key: 'satisfaction', label: t('cases.detail.satisfaction'), children: t(`satisfaction.${c.satisfaction}`) }] : []),
    ...(c.closedOn ? [{ key: 'closedOn', label: t('cases.detail.closedOn'), children: formatDate(c.closedOn) }] : []),
  ];
  return <Descriptions bordered column={{ xs: 1, md: 2, xxl: 3 }} items={items} data-testid="case-progress"
    styles={{ label: { whiteSpace: 'nowrap', width: '1%' } }} />;
}

export function CaseDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const id = Number(useParams().id);
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    let live = true;
    setCase(null);
    setError(null);
    if (!Number.isInteger(id) || id <= 0) {
      setError({ code: 'NOT_FOUND', key: 'errors.NOT_FOUND', message: '' });
      return;
    }
    void api.call('cases:get', { id }).then((r) => {
      if (!live) return;
      if (r.ok) setCase(r.value);
      else setError(r.error);
    });
    return () => { live = false; };
  }, [id]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/cases')} data-testid="case-back">
      {t('cases.detail.back')}
    </Button>
  );

  if (error?.code === 'NOT_FOUND') {
    return <Card><Result status="404" title={t('cases.detail.notFound')} extra={back} /></Card>;
  }
  if (error) return <Card>{back}<Alert type="error" showIcon title={problemText(error)} style={{ marginTop: 16 }} /></Card>;
  if (!c) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-detail">
      <Card>
        <Flex justify="space-between" align="center" wrap gap={16} style={{ marginBottom: 24 }}>
          <Space size="middle" wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-no">{c.caseNo}</Typography.Title>
            <StatusTag status={c.status} />
          </Space>
          {back}
        </Flex>
        <Lifecycle c={c} />
      </Card>
      <Card title={t('cases.detail.basics')}>
        <Basics c={c} />
      </Card>
      {c.acceptedOn && (
        <Card title={t('cases.detail.progress')}>
          <Progress c={c} />
        </Card>
      )}
      <Card title={t('cases.detail.parties')}>
        <PartyList parties={c.parties} />
      </Card>
    </Space>
  );
}
