import type { User } from '../../shared/domain/committee';

/** One window's sign-in: Electron keeps one per webContents, the preview one per server. */
export interface Session {
  user: User | null;
  /** The dispatcher's clock (ms) at the last request the user drove: the idle lock counts from it; unset after sign-in. */
  lastActivity?: number;
  /** Idle past the committee's minutes: nothing but signing in again (or out) goes through. */
  locked?: boolean;
}

export const newSession = (): Session => ({ user: null });
