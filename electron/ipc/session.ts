import type { User } from '../../shared/domain/committee';

/** One window's sign-in: Electron keeps one per webContents, the preview one per server. */
export interface Session {
  user: User | null;
}

export const newSession = (): Session => ({ user: null });
