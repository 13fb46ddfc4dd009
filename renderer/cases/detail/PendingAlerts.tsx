import { Alert, Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../../../shared/domain/lifecycle';
import { useCaseWork } from './context';

/** Decisions still owed: conflict checks (they hold up mediation) and parties' recusal requests. */
export function PendingAlerts({ onShowTeam }: { onShowTeam(): void }) {
  const { t } = useTranslation();
  const w = useCaseWork();
  const status = w.file.case.status;
  const conflicts = w.checks.conflictChecks.filter((c) => c.decision === null);
  const recusals = canEdit(status, 'recusal') ? w.checks.recusals.filter((r) => r.decision === null) : [];
  if (conflicts.length === 0 && recusals.length === 0) return null;
  return (
    <Flex vertical gap={8} data-testid="pending-alerts">
      {conflicts.map((c) => (
        <Alert key={`c${c.id}`} type="warning" showIcon data-testid="pending-conflict"
          title={t('caseWork.conflict.pendingAlert', { name: c.personName })}
          action={w.canWrite && canEdit(status, 'member') ? (
            <Button type="primary" onClick={() => w.showConflict({ checkId: c.id, personName: c.personName, hits: c.hits })}>
              {t('caseWork.conflict.decideNow')}
            </Button>
          ) : undefined} />
      ))}
      {recusals.map((r) => (
        <Alert key={`r${r.id}`} type="warning" showIcon data-testid="pending-recusal"
          title={t('caseWork.recusal.pendingAlert', { party: r.party ?? t('caseWork.recusal.someParty'), name: r.mediator ?? t('common.empty') })}
          action={<Button onClick={onShowTeam}>{t('caseWork.recusal.goToTeam')}</Button>} />
      ))}
    </Flex>
  );
}
