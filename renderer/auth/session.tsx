import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Committee, User } from '../../shared/domain/committee';
import type { AppState } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/result';
import { api, onSessionRefusal, onUnauthenticated } from '../lib/api';

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'error'; error: AppError }
  | {
    phase: 'ready'; state: AppState; committee: Committee | null; user: User | null; mode: 'committee' | 'office' | null;
    /** Issue 7: idle too long (the lock screen covers the page), or a temporary password still to change. */
    locked?: boolean; mustChangePassword?: boolean;
  };

interface Session {
  session: SessionState;
  /** Asks the core where things stand (app:status) and shows the matching screen. */
  refresh(): Promise<void>;
  signedIn(user: User & { mustChangePassword?: boolean }): void;
  signOut(): Promise<void>;
  /** The idle lock's timer ran out (or the core said SESSION_LOCKED). */
  lock(): void;
  /** The same user entered the password on the lock screen: the page stays as it was. */
  unlocked(): void;
  passwordChanged(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ phase: 'loading' });

  const refresh = useCallback(async () => {
    const r = await api.call('app:status', {});
    setSession(r.ok ? { phase: 'ready', ...r.value } : { phase: 'error', error: r.error });
  }, []);

  const signedIn = useCallback(({ mustChangePassword, ...user }: User & { mustChangePassword?: boolean }) => {
    setSession((s) => (s.phase === 'ready' ? { ...s, user, locked: false, mustChangePassword: Boolean(mustChangePassword) } : s));
  }, []);
  const setFlags = useCallback((flags: { locked?: boolean; mustChangePassword?: boolean }) => {
    setSession((s) => (s.phase === 'ready' && s.user ? { ...s, ...flags } : s));
  }, []);
  const lock = useCallback(() => setFlags({ locked: true }), [setFlags]);
  const unlocked = useCallback(() => setFlags({ locked: false }), [setFlags]);
  const passwordChanged = useCallback(() => setFlags({ mustChangePassword: false }), [setFlags]);

  const signOut = useCallback(async () => {
    await api.call('auth:signOut', {});
    setSession((s) => (s.phase === 'ready' ? { ...s, user: null, locked: false, mustChangePassword: false } : s));
  }, []);

  useEffect(() => {
    void refresh();
    const stopUnauthenticated = onUnauthenticated(() => {
      setSession((s) => (s.phase === 'ready' ? { ...s, user: null, locked: false, mustChangePassword: false } : s));
    });
    const stopRefusals = onSessionRefusal((e) => setFlags(e.code === 'SESSION_LOCKED' ? { locked: true } : { mustChangePassword: true }));
    return () => { stopUnauthenticated(); stopRefusals(); };
  }, [refresh, setFlags]);

  const value = useMemo(() => ({ session, refresh, signedIn, signOut, lock, unlocked, passwordChanged }),
    [session, refresh, signedIn, signOut, lock, unlocked, passwordChanged]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user and committee; only for screens inside the shell. */
export function useSignedIn(): { user: User; committee: Committee | null } {
  const { session } = useSession();
  if (session.phase !== 'ready' || !session.user) throw new Error('useSignedIn without a user');
  return { user: session.user, committee: session.committee };
}
