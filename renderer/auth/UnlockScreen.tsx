import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { guardImeEnter } from '../lib/ime';
import { CenteredPage } from '../shell/CenteredPage';
import { useSession } from './session';

/** The key store cannot open the database: the recovery passphrase from paper opens it. */
export function UnlockScreen() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const problemText = useProblemText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const unlock = async ({ passphrase }: { passphrase: string }) => {
    setBusy(true);
    setError(null);
    const r = await api.call('app:unlock', { passphrase: passphrase.trim() });
    setBusy(false);
    if (r.ok) await refresh();
    else setError(problemText(r.error));
  };

  return (
    <CenteredPage>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        <LockOutlined /> {t('unlock.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('unlock.explain')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="unlock-error" />}
      <Form layout="vertical" onFinish={(v: { passphrase: string }) => void unlock(v)} onKeyDown={guardImeEnter}
        data-testid="unlock-form">
        <Form.Item name="passphrase" label={t('unlock.passphrase')}
          rules={[{ required: true, whitespace: true, message: t('unlock.required') }]}>
          <Input.Password autoFocus autoComplete="off" spellCheck={false} maxLength={500} size="large"
            data-testid="unlock-passphrase" />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="unlock-submit">
          {t('unlock.submit')}
        </Button>
      </Form>
    </CenteredPage>
  );
}
