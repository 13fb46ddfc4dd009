import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router-dom';
import { ChangePasswordScreen } from './auth/ChangePasswordScreen';
import { IdleLock } from './auth/IdleLock';
import { SignInScreen } from './auth/SignInScreen';
import { UnlockScreen } from './auth/UnlockScreen';
import { useSession } from './auth/session';
import { useProblemText } from './lib/errors';
import { OfficeShell } from './office/OfficeShell';
import { FirstRun } from './setup/FirstRun';
import { AppShell } from './shell/AppShell';
import { CenteredPage } from './shell/CenteredPage';

/** Start-up: set-up, unlock, sign-in or the app itself, as app:status says. */
export function Gate() {
  const { session, refresh } = useSession();
  const { t } = useTranslation();
  const problemText = useProblemText();

  if (session.phase === 'loading') {
    return (
      <CenteredPage>
        <div style={{ textAlign: 'center', padding: 48 }} data-testid="app-loading">
          <Spin size="large" />
          <p>{t('app.loading')}</p>
        </div>
      </CenteredPage>
    );
  }
  if (session.phase === 'error') {
    return (
      <CenteredPage>
        <Result
          status="error"
          title={t('app.loadFailed')}
          subTitle={problemText(session.error)}
          extra={<Button type="primary" onClick={() => void refresh()}>{t('app.retry')}</Button>}
        />
      </CenteredPage>
    );
  }
  if (session.state === 'uninitialized') return <FirstRun />;
  if (session.state === 'locked') return <UnlockScreen />;
  if (!session.user) return <SignInScreen committee={session.committee} />;
  // A temporary password from the admin: nothing else until the user has chosen their own (issue 7).
  if (session.mustChangePassword) return <ChangePasswordScreen username={session.user.username} subtitle={session.committee?.name} />;
  // The idle lock keeps the page mounted under it; another user signing in remounts from the start (the key).
  return (
    <IdleLock key={session.user.id} user={session.user} locked={Boolean(session.locked)} onOtherUser={() => { window.location.hash = '#/'; }}>
      <HashRouter>
        {/* The city office's database gets the office's own app (EXCHANGE.md). */}
        {session.mode === 'office' ? <OfficeShell /> : <AppShell />}
      </HashRouter>
    </IdleLock>
  );
}
