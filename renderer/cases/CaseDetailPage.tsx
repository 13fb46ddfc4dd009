import { ArrowLeftOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { DocumentsCard } from '../documents/DocumentsCard';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { roleHas } from '../../shared/domain/permissions';
import { useSignedIn } from '../auth/session';
import { useProblemText } from '../lib/errors';
import { ActionBar } from './detail/ActionBar';
import { AgreementCard } from './detail/AgreementCard';
import { AttachmentsTab } from './detail/AttachmentsTab';
import { BasicsTab } from './detail/BasicsTab';
import { ConflictModal } from './detail/ConflictModal';
import { CaseWorkProvider, useCaseData, usePeople, type CaseWork, type OpenConflict } from './detail/context';
import { EscalationTab } from './detail/EscalationTab';
import { FollowupsCard } from './detail/FollowupsCard';
import { HistoryTab } from './detail/HistoryTab';
import { LifecycleSteps } from './detail/LifecycleSteps';
import { MeetingsCard } from './detail/MeetingsCard';
import { PendingAlerts } from './detail/PendingAlerts';
import { ProgressCard } from './detail/ProgressCard';
import { RecordsTab } from './detail/RecordsTab';
import { TeamTab } from './detail/TeamTab';
import { PartyList } from './PartyList';
import { StatusTag } from './StatusTag';

/** The case file's sections, as tabs under the lifecycle. */
function Sections({ work, tab, onTab }: { work: CaseWork; tab: string; onTab(key: string): void }) {
  const { t } = useTranslation();
  const { user } = useSignedIn();
  const f = work.file;
  // Without cases.minutes the file comes without its records (the core leaves them out): no empty tab for them.
  const minutes = roleHas(user.role, 'cases.minutes');
  const activeMembers = f.members.filter((m) => m.removedAt === null).length;
  const count = (label: string, n: number) => (n > 0 ? t('caseWork.tabs.count', { label, n }) : label);
  return (
    <Card styles={{ body: { paddingTop: 8 } }}>
      <Tabs activeKey={tab} onChange={onTab} tabBarGutter={28} data-testid="case-tabs" items={[
        { key: 'basics', label: t('cases.detail.basics'), children: <BasicsTab c={f.case} /> },
        // Rendered from the start: the parties are part of the file on screen even before the tab is opened.
        { key: 'parties', label: count(t('cases.detail.parties'), f.case.parties.length), forceRender: true, children: <PartyList parties={f.case.parties} /> },
        { key: 'team', label: <span data-testid="tab-team">{count(t('caseWork.tabs.team'), activeMembers)}</span>, children: <TeamTab /> },
        ...(minutes ? [{ key: 'records', label: <span data-testid="tab-records">{count(t('caseWork.tabs.records'), f.records.length)}</span>, children: <RecordsTab /> }] : []),
        { key: 'attachments', label: <span data-testid="tab-attachments">{count(t('caseWork.tabs.attachments'), f.attachments.length)}</span>, children: <AttachmentsTab /> },
        { key: 'escalation', label: <span data-testid="tab-escalation">{t('caseWork.tabs.escalation')}</span>, children: <EscalationTab /> },
        { key: 'documents', label: <span data-testid="tab-documents">{t('documents.title')}</span>, children: <DocumentsCard file={f} /> },
        {
          key: 'history',
          label: (
            <span data-testid="tab-history">
              {!work.history.chainIntact && <WarningOutlined style={{ color: '#c4161c', marginInlineEnd: 6 }} />}
              {t('caseWork.tabs.history')}
            </span>
          ),
          children: <HistoryTab />,
        },
      ]} />
    </Card>
  );
}

/** One case, run from here: where it stands, what can be done next, and everything on file. */
export function CaseDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const { user } = useSignedIn();
  const id = Number(useParams().id);
  const { data, error, reload } = useCaseData(id);
  const { people, mediators } = usePeople();
  const [conflict, setConflict] = useState<OpenConflict | null>(null);
  const [tab, setTab] = useState('basics');

  const work = useMemo<CaseWork | null>(() => data && {
    ...data, caseId: id, canWrite: roleHas(user.role, 'cases.write'), people, mediators, reload, showConflict: setConflict,
  }, [data, id, user.role, people, mediators, reload]);

  const back = (
    <Button size="large" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/cases')} data-testid="case-back">
      {t('cases.detail.back')}
    </Button>
  );

  if (error?.code === 'NOT_FOUND') {
    return <Card><Result status="404" title={t('cases.detail.notFound')} extra={back} /></Card>;
  }
  if (error && !work) return <Card>{back}<Alert type="error" showIcon title={problemText(error)} style={{ marginTop: 16 }} /></Card>;
  if (!work) return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;

  const c = work.file.case;
  return (
    <CaseWorkProvider value={work}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-detail">
        <Card>
          <Flex justify="space-between" align="center" wrap gap={16} style={{ marginBottom: 24 }}>
            <Space size="middle" wrap>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-no">{c.caseNo}</Typography.Title>
              <StatusTag status={c.status} />
            </Space>
            {back}
          </Flex>
          <LifecycleSteps file={work.file} />
          <div style={{ marginTop: 24 }}><ActionBar /></div>
        </Card>
        {error && <Alert type="error" showIcon title={problemText(error)} />}
        <PendingAlerts onShowTeam={() => setTab('team')} />
        <ProgressCard />
        <MeetingsCard />
        <AgreementCard />
        <FollowupsCard />
        <Sections work={work} tab={tab} onTab={setTab} />
      </Space>
      {conflict && <ConflictModal conflict={conflict} onClose={() => setConflict(null)} />}
    </CaseWorkProvider>
  );
}
