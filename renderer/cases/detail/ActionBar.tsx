import { Alert, App, Button, Flex, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../shared/domain/enums';
import { canEdit, canTransition } from '../../../shared/domain/lifecycle';
import { api } from '../../lib/api';
import { useProblemText } from '../../lib/errors';
import { AcceptModal } from './AcceptModal';
import { ArchiveModal } from './ArchiveModal';
import { CloseModal } from './CloseModal';
import { ConcludeModal } from './ConcludeModal';
import { useCaseWork, type CaseFile } from './context';
import { ExtendModal } from './ExtendModal';
import { FollowupModal } from './FollowupModal';
import { JudicialModal } from './JudicialModal';
import { PerformanceModal } from './PerformanceModal';
import { RejectModal } from './RejectModal';

const ACTIONS = ['accept', 'reject', 'startMediation', 'extend', 'conclude', 'performance', 'jc', 'followup', 'close', 'archive'] as const;
type Action = (typeof ACTIONS)[number];

/** What the state allows (the core enforces the same rules). */
function allowed(file: CaseFile, a: Action): boolean {
  const s = file.case.status;
  const jc = file.agreement?.jcStatus;
  switch (a) {
    case 'accept': case 'reject': case 'startMediation': case 'conclude': case 'close': case 'archive':
      return canTransition(s, a);
    case 'extend': return canEdit(s, 'extend');
    case 'performance': return s === 'agreed' && file.agreement !== null;
    case 'jc': return canEdit(s, 'agreement') && file.agreement !== null && (jc === 'none' || jc === 'applied');
    case 'followup': return canEdit(s, 'followup');
  }
}

/** The step that moves the case on, shown as the primary button. */
const NEXT: Partial<Record<CaseStatus, Action>> = {
  registered: 'accept', accepted: 'startMediation', in_mediation: 'conclude', rejected: 'close', failed: 'close',
  withdrawn: 'close', closed: 'archive',
};

const MODALS: Partial<Record<Action, (p: { onClose(): void }) => ReactNode>> = {
  accept: AcceptModal, reject: RejectModal, extend: ExtendModal, conclude: ConcludeModal, performance: PerformanceModal,
  jc: JudicialModal, followup: FollowupModal, close: CloseModal, archive: ArchiveModal,
};

/** 可以办理: only the actions the case's state allows, the next step first and highlighted. */
export function ActionBar() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const problemText = useProblemText();
  const w = useCaseWork();
  const [open, setOpen] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { file } = w;
  const status = file.case.status;
  const performing = status === 'agreed' && (file.agreement?.performance ?? 'performing') === 'performing';
  // An agreed case closes once performance has ended; until then the follow-up is the next step.
  const next = status === 'agreed' ? (performing ? 'followup' : 'close') : NEXT[status];
  const actions = ACTIONS.filter((a) => allowed(file, a)).sort((a, b) => Number(b === next) - Number(a === next));

  if (!w.canWrite || actions.length === 0) return null;

  const start = async () => {
    setBusy(true);
    setError(null);
    const r = await api.call('cases:startMediation', { caseId: w.caseId });
    setBusy(false);
    if (!r.ok) return setError(problemText(r.error));
    void message.success(t('caseWork.actions.started'));
    void w.reload();
  };

  const label = (a: Action) => (a === 'jc' && file.agreement?.jcStatus === 'applied' ? t('caseWork.actions.jcDecide') : t(`caseWork.actions.${a}`));
  const Modal = open ? MODALS[open] : undefined;
  return (
    <Flex vertical gap={8} data-testid="case-actions">
      <Flex wrap gap={12} align="center">
        <Typography.Text type="secondary">{t('caseWork.actions.title')}</Typography.Text>
        {actions.map((a) => (
          <Button key={a} size="large" type={a === next ? 'primary' : 'default'} danger={a === 'reject'}
            loading={a === 'startMediation' && busy}
            disabled={a === 'close' && performing}
            onClick={() => { setError(null); if (a === 'startMediation') void start(); else setOpen(a); }}
            data-testid={`action-${a}`}>
            {label(a)}
          </Button>
        ))}
      </Flex>
      {actions.includes('close') && performing && (
        <Typography.Text type="secondary" data-testid="close-hint">{t('caseWork.actions.closeAfterPerformance')}</Typography.Text>
      )}
      {error && <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} data-testid="action-error" />}
      {Modal && <Modal onClose={() => setOpen(null)} />}
    </Flex>
  );
}
