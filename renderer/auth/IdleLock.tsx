import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/domain/committee';
import { api } from '../lib/api';
import { useProblemText } from '../lib/errors';
import { guardImeEnter } from '../lib/ime';
import { useSession } from './session';

const INPUT_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;
const CHECK_MS = 10_000;
/** How often seen input is reported, so the core's idle clock (session-guard.ts) agrees with the screen's. */
const KEEP_ALIVE_MS = 60_000;

/** Watches for input; past the committee's idle minutes (设置 → 用户) it locks the session. */
function useIdleTimer(userId: number, lock: () => void, locked: boolean) {
  const lastInput = useRef(Date.now());
  const lastReported = useRef(Date.now());
  const [idleMinutes, setIdleMinutes] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    void api.call('accounts:settings', {}).then((r) => { if (live && r.ok) setIdleMinutes(r.value.idleMinutes); });
    return () => { live = false; };
  }, [userId, locked]);

  useEffect(() => {
    if (locked) return undefined;
    lastInput.current = Date.now();
    const seen = () => { lastInput.current = Date.now(); };
    for (const e of INPUT_EVENTS) window.addEventListener(e, seen, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (idleMinutes && now - lastInput.current > idleMinutes * 60_000) return lock();
      if (lastInput.current > lastReported.current && now - lastReported.current >= KEEP_ALIVE_MS) {
        lastReported.current = now;
        void api.call('auth:keepAlive', {});
      }
    }, CHECK_MS);
    return () => {
      for (const e of INPUT_EVENTS) window.removeEventListener(e, seen, { capture: true });
      window.clearInterval(timer);
    };
  }, [idleMinutes, lock, locked]);
}

/** The lock screen: the same user's password keeps the page; someone else signing in starts afresh. */
function LockScreen({ user, onOtherUser }: { user: User; onOtherUser(): void }) {
  const { t } = useTranslation();
  const { signedIn, unlocked } = useSession();
  const problemText = useProblemText();
  const [other, setOther] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: { username?: string; password: string }) => {
    setBusy(true);
    setError(null);
    const r = await api.call('auth:signIn', { username: other ? (v.username ?? '').trim() : user.username, password: v.password });
    setBusy(false);
    if (!r.ok) return setError(problemText(r.error.details?.[0] ?? r.error));
    if (r.value.id === user.id) return unlocked();
    onOtherUser();
    signedIn(r.value);
  };

  return (
    <div role="dialog" aria-modal="true" data-testid="idle-lock"
      style={{ position: 'fixed', inset: 0, zIndex: 3000, background: 'var(--ant-color-bg-layout, #f5f5f5)',
        display: 'flex', alignItems: 'flex-start', justifyContent: 'center', padding: '12vh 16px' }}>
      <Card style={{ width: '100%', maxWidth: '28em' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}><LockOutlined /> {t('accounts.lock.title')}</Typography.Title>
        <Typography.Paragraph>{t('accounts.lock.intro', { name: `${user.displayName}（${user.username}）` })}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="idle-lock-error" />}
        <Form layout="vertical" onFinish={(v: { username?: string; password: string }) => void submit(v)} onKeyDown={guardImeEnter}>
          {other && (
            <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}>
              <Input autoComplete="username" maxLength={64} size="large" data-testid="idle-lock-username" />
            </Form.Item>
          )}
          <Form.Item name="password" label={t('accounts.lock.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
            <Input.Password autoFocus autoComplete="current-password" maxLength={200} size="large" data-testid="idle-lock-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="idle-lock-submit">
            {t('accounts.lock.unlock')}
          </Button>
          {!other && (
            <Button type="link" block style={{ marginTop: 8 }} onClick={() => setOther(true)} data-testid="idle-lock-other">
              {t('accounts.lock.otherUser')}
            </Button>
          )}
        </Form>
      </Card>
    </div>
  );
}

/**
 * Keeps the signed-in screens mounted (the open page survives the lock) and covers them while locked;
 * the content is made inert so nothing behind the lock can be read by keyboard or screen reader.
 */
export function IdleLock({ user, locked, children, onOtherUser }: { user: User; locked: boolean; children: ReactNode; onOtherUser(): void }) {
  const { lock } = useSession();
  useIdleTimer(user.id, lock, locked);
  return (
    <>
      <div inert={locked} aria-hidden={locked}>{children}</div>
      {locked && <LockScreen user={user} onOtherUser={onOtherUser} />}
    </>
  );
}
