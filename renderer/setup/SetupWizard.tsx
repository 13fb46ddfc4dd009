import { Alert, Form, Steps, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../shared/ipc/result';
import { useSession } from '../auth/session';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { applyIssues } from '../lib/form-errors';
import { CenteredPage } from '../shell/CenteredPage';
import { AdminStep, type AdminValues } from './AdminStep';
import { CommitteeStep, type CommitteeValues } from './CommitteeStep';
import { PassphraseStep } from './PassphraseStep';

/** First run: the committee, the first administrator, then the recovery passphrase, shown once. `header`: the mode choice. */
export function SetupWizard({ header }: { header?: ReactNode }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const problemText = useProblemText();
  const [committeeForm] = Form.useForm<CommitteeValues>();
  const [adminForm] = Form.useForm<AdminValues>();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const c = committeeForm.getFieldsValue(true) as CommitteeValues;
    const a = adminForm.getFieldsValue(true) as AdminValues;
    const r = await api.call('app:setup', {
      committee: { name: c.name.trim(), code: c.code.trim(), shortName: c.shortName?.trim() || undefined, type: c.type },
      admin: { username: a.username.trim(), displayName: a.displayName.trim(), password: a.password },
    });
    setBusy(false);
    if (r.ok) {
      setPassphrase(r.value.recoveryPassphrase);
      setStep(2);
      return;
    }
    const issues: Issue[] = r.error.details ?? [];
    const toCommittee = issues.filter((i) => i.path.startsWith('committee.'));
    const toAdmin = issues.filter((i) => i.path.startsWith('admin.'));
    const strip = (p: (string | number)[]) => p.slice(1);
    applyIssues(committeeForm, toCommittee, problemText, strip);
    applyIssues(adminForm, toAdmin, problemText, strip);
    if (toCommittee.length > 0) setStep(0);
    const rest = issues.filter((i) => !toCommittee.includes(i) && !toAdmin.includes(i));
    setError([problemText(r.error), ...rest.map(problemText)].join('；'));
  };

  return (
    <CenteredPage width={720} subtitle={t('setup.title')}>
      <div data-testid="setup-wizard">
        {step === 0 && header}
        <Typography.Paragraph>{t('setup.intro')}</Typography.Paragraph>
        <Steps
          current={step}
          style={{ marginBottom: 32 }}
          items={[
            { title: t('setup.steps.committee') },
            { title: t('setup.steps.admin') },
            { title: t('setup.steps.passphrase') },
          ]}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 24 }} data-testid="setup-error" />}
        <div hidden={step !== 0}>
          <CommitteeStep form={committeeForm} onNext={() => { setError(null); setStep(1); }} />
        </div>
        <div hidden={step !== 1}>
          <AdminStep form={adminForm} busy={busy} onBack={() => setStep(0)} onSubmit={() => void submit()} />
        </div>
        {step === 2 && passphrase && <PassphraseStep passphrase={passphrase} onDone={() => void refresh()} />}
      </div>
    </CenteredPage>
  );
}
