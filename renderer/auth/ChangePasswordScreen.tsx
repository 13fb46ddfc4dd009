import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { applyIssues } from '../lib/form-errors';
import { guardImeEnter } from '../lib/ime';
import { CenteredPage } from '../shell/CenteredPage';
import { usePasswordHelp, usePasswordRule } from './password-rule';
import { useSession } from './session';

interface ChangeValues { currentPassword: string; newPassword: string; confirm: string }

/** Current password, a new one under the shared rule, the new one again; auth:changePassword. */
function ChangePasswordForm({ username, onDone, secondary }: { username: string; onDone(): void; secondary: ReactNode }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const passwordRule = usePasswordRule();
  const help = usePasswordHelp();
  const [form] = Form.useForm<ChangeValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: ChangeValues) => {
    setBusy(true);
    setError(null);
    const r = await api.call('auth:changePassword', { currentPassword: v.currentPassword, newPassword: v.newPassword });
    setBusy(false);
    if (r.ok) return onDone();
    if (r.error.code === 'WRONG_PASSWORD') {
      form.setFields([{ name: 'currentPassword', errors: [problemText(r.error)] }]);
      return;
    }
    const rest = applyIssues(form, r.error.details ?? [], problemText, (p) => p);
    if (rest.length || !r.error.details?.length) setError([problemText(r.error), ...rest.map(problemText)].join('；'));
  };

  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="change-password-error" />}
      <Form<ChangeValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} onKeyDown={guardImeEnter}
        data-testid="change-password-form">
        <Form.Item name="currentPassword" label={t('accounts.change.current')}
          rules={[{ required: true, message: t('accounts.password.required') }]}>
          <Input.Password autoFocus autoComplete="current-password" maxLength={200} size="large" data-testid="change-password-current" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('accounts.change.next')} extra={help} required rules={[passwordRule(() => username)]}>
          <Input.Password autoComplete="new-password" maxLength={200} size="large" data-testid="change-password-new" />
        </Form.Item>
        <Form.Item name="confirm" label={t('accounts.change.confirm')} dependencies={['newPassword']}
          rules={[
            { required: true, message: t('accounts.change.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, v: string | undefined) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error(t('accounts.password.mismatch'));
              },
            }),
          ]}>
          <Input.Password autoComplete="new-password" maxLength={200} size="large" data-testid="change-password-confirm" />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          {secondary}
          <Button type="primary" htmlType="submit" size="large" loading={busy} data-testid="change-password-submit">
            {t('accounts.change.submit')}
          </Button>
        </Space>
      </Form>
    </>
  );
}

/** Right after signing in with a temporary password: nothing else opens until the user has chosen their own. */
export function ChangePasswordScreen({ username, subtitle }: { username: string; subtitle?: string }) {
  const { t } = useTranslation();
  const { passwordChanged, signOut } = useSession();
  return (
    <CenteredPage width={520} subtitle={subtitle}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('accounts.change.title')}</Typography.Title>
      <Alert type="warning" showIcon title={t('accounts.change.mustIntro')} style={{ marginBottom: 16 }} data-testid="change-password-intro" />
      <ChangePasswordForm username={username} onDone={passwordChanged}
        secondary={<Button size="large" onClick={() => void signOut()} data-testid="change-password-sign-out">{t('accounts.change.signOut')}</Button>} />
    </CenteredPage>
  );
}

/** The user's own change, any time, from the menu under their name. */
export function ChangePasswordModal({ username, onClose, onDone }: { username: string; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  return (
    <Modal open title={t('accounts.change.title')} onCancel={onClose} footer={null} destroyOnHidden width={520} mask={{ closable: false }}
      data-testid="change-password-modal">
      <ChangePasswordForm username={username} onDone={onDone}
        secondary={<Button size="large" onClick={onClose}>{t('common.cancel')}</Button>} />
    </Modal>
  );
}
