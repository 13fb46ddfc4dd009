import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Committee, User } from '../../shared/domain/committee';
import type { AppState } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/ipc/result';
import { api, onUnauthenticated } from '../lib/api';

export type SessionState =
  | { phase: 'loading' }
  | { phase: 'error'; error: AppError }
  | { phase: 'ready'; state: AppState; committee: Committee | null; user: User | null; mode: 'committee' | 'office' | null };

interface Session {
  session: SessionState;
  /** Asks the core where things stand (app:status) and shows the matching screen. */
  refresh(): Promise<void>;
  signedIn(user: User): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ phase: 'loading' });

  const refresh = useCallback(async () => {
    const r = await api.call('app:status', {});
    setSession(r.ok ? { phase: 'ready', ...r.value } : { phase: 'error', error: r.error });
  }, []);

  const signedIn = useCallback((user: User) => {
    setSession((s) => (s.phase === 'ready' ? { ...s, user } : s));
  }, []);

  const signOut = useCallback(async () => {
    await api.call('auth:signOut', {});
    setSession((s) => (s.phase === 'ready' ? { ...s, user: null } : s));
  }, []);

  useEffect(() => {
    void refresh();
    return onUnauthenticated(() => {
      setSession((s) => (s.phase === 'ready' ? { ...s, user: null } : s));
    });
  }, [refresh]);

  const value = useMemo(() => ({ session, refresh, signedIn, signOut }), [session, refresh, signedIn, signOut]);
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
