import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Committee } from '../../shared/domain/committee';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { guardImeEnter } from '../lib/ime';
import { CenteredPage } from '../shell/CenteredPage';
import { useSession } from './session';

interface SignInValues {
  username: string;
  password: string;
}

export function SignInScreen({ committee }: { committee: Committee | null }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const signIn = async (v: SignInValues) => {
    setBusy(true);
    setError(null);
    const r = await api.call('auth:signIn', { username: v.username.trim(), password: v.password });
    setBusy(false);
    if (r.ok) signedIn(r.value);
    // A sign-in lock's minutes come as the params (errors.signInLocked).
    else setError(problemText(r.error.details?.[0] ?? r.error));
  };

  return (
    <CenteredPage width={480} subtitle={committee?.name}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>{t('signIn.title')}</Typography.Title>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />}
      <Form<SignInValues> layout="vertical" onFinish={(v) => void signIn(v)} onKeyDown={guardImeEnter}
        data-testid="sign-in-form">
        <Form.Item name="username" label={t('signIn.username')}
          rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}>
          <Input autoFocus autoComplete="username" maxLength={64} size="large" data-testid="sign-in-username" />
        </Form.Item>
        <Form.Item name="password" label={t('signIn.password')}
          rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" maxLength={200} size="large" data-testid="sign-in-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="sign-in-submit">
          {t('signIn.submit')}
        </Button>
      </Form>
    </CenteredPage>
  );
}
