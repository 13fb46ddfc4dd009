import { PlusOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../../../shared/domain/lifecycle';
import { useFormatMoment } from '../../lib/format';
import { TAG_COLOURS } from '../../lib/tag-colours';
import { AddMemberModal } from './AddMemberModal';
import { ConflictHits } from './ConflictModal';
import { useCaseWork, type CaseFile, type ConflictCheck, type Recusal } from './context';
import { RecusalDecisionModal, RecusalRequestModal } from './RecusalModals';
import { RemoveMemberModal } from './RemoveMemberModal';

type Member = CaseFile['members'][number];

function Members({ onRemove }: { onRemove(m: Member): void }) {
  const { t } = useTranslation();
  const formatMoment = useFormatMoment();
  const w = useCaseWork();
  const editable = w.canWrite && canEdit(w.file.case.status, 'member');
  const active = w.file.members.filter((m) => m.removedAt === null);
  const removed = w.file.members.filter((m) => m.removedAt !== null);
  return (
    <>
      <Table<Member> rowKey="id" pagination={false} dataSource={active} data-testid="team-members"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('caseWork.team.none')} /> }}
        columns={[
          { key: 'name', title: t('caseWork.team.name'), render: (_, m) => <Typography.Text strong>{m.name}</Typography.Text> },
          {
            key: 'role', title: t('caseWork.team.role'),
            render: (_, m) => <Tag style={m.role === 'lead_mediator' ? TAG_COLOURS.blue : TAG_COLOURS.grey}>{t(`caseWork.memberRoles.${m.role}`)}</Tag>,
          },
          { key: 'consent', title: t('caseWork.team.consent'), render: (_, m) => m.consent ?? t('common.empty') },
          { key: 'addedAt', title: t('caseWork.team.addedAt'), render: (_, m) => formatMoment(m.addedAt) },
          ...(editable ? [{
            key: 'actions', title: '', width: '1%',
            render: (_: unknown, m: Member) => m.role === 'lead_mediator' ? null : (
              <Button type="link" danger onClick={() => onRemove(m)} data-testid={`member-remove-${m.id}`}>{t('caseWork.team.remove')}</Button>
            ),
          }] : []),
        ]} />
      {removed.length > 0 && (
        <div style={{ marginTop: 16 }} data-testid="team-removed">
          <Typography.Title level={5}>{t('caseWork.team.removedTitle')}</Typography.Title>
          {removed.map((m) => (
            <Typography.Paragraph key={m.id} type="secondary" style={{ marginBottom: 4 }}>
              {t('caseWork.team.removedLine', {
                name: m.name, role: t(`caseWork.memberRoles.${m.role}`), at: formatMoment(m.removedAt), reason: m.removedReason ?? t('common.empty'),
              })}
            </Typography.Paragraph>
          ))}
        </div>
      )}
    </>
  );
}

function DecisionTag({ decision }: { decision: string | null }) {
  const { t } = useTranslation();
  if (decision === null) return <Tag color="#ad4e00">{t('caseWork.conflict.pending')}</Tag>;
  return <Tag style={decision === 'proceed' || decision === 'refused' ? TAG_COLOURS.gold : TAG_COLOURS.green}>{t(`caseWork.decisions.${decision}`)}</Tag>;
}

function Checks() {
  const { t } = useTranslation();
  const formatMoment = useFormatMoment();
  const w = useCaseWork();
  const editable = w.canWrite && canEdit(w.file.case.status, 'member');
  if (w.checks.conflictChecks.length === 0) return <Typography.Text type="secondary">{t('caseWork.conflict.noneFound')}</Typography.Text>;
  return (
    <Flex vertical gap={12} data-testid="conflict-checks">
      {w.checks.conflictChecks.map((c: ConflictCheck) => (
        <div key={c.id} style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 12 }} data-testid={`conflict-check-${c.id}`}>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
            <Space wrap>
              <Typography.Text strong>{c.personName}</Typography.Text>
              <DecisionTag decision={c.decision} />
              <Typography.Text type="secondary">{formatMoment(c.createdAt)}</Typography.Text>
            </Space>
            {c.decision === null && editable && (
              <Button type="primary" onClick={() => w.showConflict({ checkId: c.id, personName: c.personName, hits: c.hits })}
                data-testid={`conflict-decide-${c.id}`}>
                {t('caseWork.conflict.decideNow')}
              </Button>
            )}
          </Flex>
          <ConflictHits hits={c.hits} />
          {c.decision && (
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
              {t('caseWork.conflict.decidedLine', { reason: c.reason ?? t('common.empty'), at: formatMoment(c.decidedAt) })}
            </Typography.Paragraph>
          )}
        </div>
      ))}
    </Flex>
  );
}

function Recusals({ onDecide }: { onDecide(r: Recusal): void }) {
  const { t } = useTranslation();
  const formatMoment = useFormatMoment();
  const w = useCaseWork();
  const editable = w.canWrite && canEdit(w.file.case.status, 'recusal');
  if (w.checks.recusals.length === 0) return <Typography.Text type="secondary">{t('caseWork.recusal.none')}</Typography.Text>;
  return (
    <Flex vertical gap={12} data-testid="recusals">
      {w.checks.recusals.map((r) => (
        <div key={r.id} style={{ border: '1px solid #e5e7eb', borderRadius: 6, padding: 12 }}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Space wrap>
              <Typography.Text strong>
                {t('caseWork.recusal.line', { party: r.party ?? t('caseWork.recusal.someParty'), name: r.mediator ?? t('common.empty') })}
              </Typography.Text>
              <DecisionTag decision={r.decision} />
              <Typography.Text type="secondary">{formatMoment(r.requestedAt)}</Typography.Text>
            </Space>
            {r.decision === null && editable && (
              <Button type="primary" onClick={() => onDecide(r)} data-testid={`recusal-decide-${r.id}`}>{t('caseWork.recusal.decideNow')}</Button>
            )}
          </Flex>
          <Typography.Paragraph style={{ margin: '8px 0 0' }}>{t('caseWork.recusal.reasonLine', { reason: r.reason })}</Typography.Paragraph>
          {r.decision && (
            <Typography.Paragraph style={{ margin: '4px 0 0' }}>
              {r.decision === 'replaced'
                ? t('caseWork.recusal.replacedLine', { name: r.replacement ?? t('common.empty'), reason: r.decisionReason ?? '' })
                : t('caseWork.recusal.refusedLine', { reason: r.decisionReason ?? '' })}
            </Typography.Paragraph>
          )}
        </div>
      ))}
    </Flex>
  );
}

/** 调解人员: the team, the conflict checks with their decisions, and the parties' recusal requests. */
export function TeamTab() {
  const { t } = useTranslation();
  const w = useCaseWork();
  const [adding, setAdding] = useState(false);
  const [requesting, setRequesting] = useState(false);
  const [removing, setRemoving] = useState<Member | null>(null);
  const [deciding, setDeciding] = useState<Recusal | null>(null);
  const status = w.file.case.status;
  return (
    <Flex vertical gap={24} data-testid="team-tab">
      {w.canWrite && (
        <Space wrap>
          {canEdit(status, 'member') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="member-add">{t('caseWork.team.add')}</Button>
          )}
          {canEdit(status, 'recusal') && w.file.case.leadMediatorId !== null && (
            <Button icon={<UserSwitchOutlined />} onClick={() => setRequesting(true)} data-testid="recusal-request">{t('caseWork.recusal.request')}</Button>
          )}
        </Space>
      )}
      <Members onRemove={setRemoving} />
      <div>
        <Typography.Title level={5}>{t('caseWork.conflict.checksTitle')}</Typography.Title>
        <Checks />
      </div>
      <div>
        <Typography.Title level={5}>{t('caseWork.recusal.title')}</Typography.Title>
        <Recusals onDecide={setDeciding} />
      </div>
      {adding && <AddMemberModal onClose={() => setAdding(false)} />}
      {requesting && <RecusalRequestModal onClose={() => setRequesting(false)} />}
      {removing && <RemoveMemberModal member={removing} onClose={() => setRemoving(null)} />}
      {deciding && <RecusalDecisionModal request={deciding} onClose={() => setDeciding(null)} />}
    </Flex>
  );
}
