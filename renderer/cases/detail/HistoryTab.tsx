import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Flex, Space, Switch, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatMoment } from '../../lib/format';
import { useCaseWork, type CaseHistory } from './context';
import { actionKey, READ_ACTIONS, useFieldChanges } from './history-format';

type Entry = CaseHistory['entries'][number];

/**
 * A line for entries that change no case field: who joined or left the team, what was decided,
 * which file was added. The audit entry and the row it made share the same moment.
 */
function useNotes(): (e: Entry) => string | null {
  const { t } = useTranslation();
  const w = useCaseWork();
  const role = (r: string) => t(`caseWork.memberRoles.${r}`);
  const short = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);
  return (e) => {
    const after = (typeof e.after === 'object' && e.after !== null ? e.after : {}) as Record<string, unknown>;
    const f = w.file;
    const join = (xs: string[]) => (xs.length ? xs.join(t('caseWork.history.notes.separator')) : null);
    switch (e.action) {
      case 'case.member.add':
        return join(f.members.filter((m) => m.addedAt === e.at).map((m) => t('caseWork.history.notes.member', { name: m.name, role: role(m.role) })));
      case 'case.member.remove':
        return join(f.members.filter((m) => m.removedAt === e.at)
          .map((m) => t('caseWork.history.notes.memberRemoved', { name: m.name, role: role(m.role), reason: m.removedReason ?? '' })));
      case 'case.conflict.decide':
        return join(w.checks.conflictChecks.filter((c) => c.decidedAt === e.at && c.decision)
          .map((c) => t('caseWork.history.notes.conflict', { name: c.personName, decision: t(`caseWork.decisions.${c.decision}`), reason: c.reason ?? '' })));
      case 'case.recusal.request':
        return join(w.checks.recusals.filter((r) => r.requestedAt === e.at).map((r) => short(r.reason)));
      case 'case.recusal.decide':
        return join(w.checks.recusals.filter((r) => r.decidedAt === e.at && r.decision)
          .map((r) => t(r.replacement ? 'caseWork.history.notes.recusalReplaced' : 'caseWork.history.notes.recusal', {
            decision: t(`caseWork.decisions.${r.decision}`), name: r.replacement ?? '', reason: r.decisionReason ?? '',
          })));
      case 'case.attachment.add':
        return join(f.attachments.filter((a) => a.createdAt === e.at).map((a) => a.name));
      case 'case.escalation':
        return join(f.escalations.filter((x) => x.recordedAt === e.at).map((x) => short(x.risk)));
      case 'case.attachment.meta':
      case 'case.anonymise':
        return typeof after.name === 'string' ? after.name : typeof after.reason === 'string' ? after.reason : null;
      default:
        return null;
    }
  };
}

/** The stored-file entry that follows each upload says nothing the upload does not. */
const isEcho = (e: Entry, all: Entry[]) =>
  e.action === 'case.attachment.meta' && all.some((x) => x.action === 'case.attachment.add' && x.at === e.at);

/** 案件历史: who did what and when, with each changed field's before and after, from the audit log. */
export function HistoryTab() {
  const { t, i18n } = useTranslation();
  const formatMoment = useFormatMoment();
  const w = useCaseWork();
  const people = useMemo(() => [...w.people, ...w.mediators], [w.people, w.mediators]);
  const changes = useFieldChanges(people);
  const [showReads, setShowReads] = useState(false);
  const note = useNotes();
  const entries = w.history.entries.filter((e) => (showReads || !READ_ACTIONS.has(e.action)) && !isEcho(e, w.history.entries));
  return (
    <Flex vertical gap={16} data-testid="history-tab">
      {!w.history.chainIntact && (
        <Alert type="error" showIcon title={t('caseWork.history.chainBroken')} description={t('caseWork.history.chainBrokenHelp')}
          data-testid="history-chain-broken" />
      )}
      <Space>
        <Switch checked={showReads} onChange={setShowReads} data-testid="history-show-reads" />
        <Typography.Text>{t('caseWork.history.showReads')}</Typography.Text>
      </Space>
      <Timeline
        data-testid="history-timeline"
        items={entries.map((e) => {
          const label = i18n.exists(actionKey(e.action)) ? t(actionKey(e.action)) : e.action;
          const diff = e.action === 'case.create' ? [] : changes(e.before, e.after);
          const extra = note(e);
          return {
            key: e.id,
            color: READ_ACTIONS.has(e.action) ? 'gray' : 'blue',
            content: (
              <div data-testid="history-entry" data-action={e.action}>
                <Space wrap size="middle">
                  <Typography.Text strong>{label}</Typography.Text>
                  <Typography.Text type="secondary">{formatMoment(e.at)}</Typography.Text>
                  <Typography.Text type="secondary">{e.user ?? t('caseWork.history.system')}</Typography.Text>
                </Space>
                {extra && <div><Typography.Text>{extra}</Typography.Text></div>}
                {diff.map((d) => (
                  <div key={d.field} style={{ color: 'rgba(0,0,0,0.75)' }}>
                    {t('caseWork.history.fieldLabel', { label: d.label })}
                    {d.same ? <span>{d.after}</span> : <><span>{d.before}</span> <ArrowRightOutlined style={{ fontSize: '0.8em', margin: '0 4px' }} /> <span>{d.after}</span></>}
                  </div>
                ))}
              </div>
            ),
          };
        })}
      />
    </Flex>
  );
}
