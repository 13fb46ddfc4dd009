import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';
import { isTrustedFrame } from '../security/guards';
import type { Dispatch } from './dispatcher';
import { newSession, type Session } from './session';

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', key: 'errors.FORBIDDEN', message: '请求来源不受信任，已拒绝' },
};

export interface ElectronIpcOptions {
  /** Where refused senders are noted; the message carries no input and no party data. */
  log?: (message: string) => void;
}

/**
 * The product's transport: one `ipcMain.handle` per contract channel, each checking that the
 * message comes from the app's own top-level page before the dispatcher sees it. One sign-in
 * session per window (webContents), forgotten when the window goes away.
 */
export function registerIpc(dispatch: Dispatch, options: ElectronIpcOptions = {}): () => void {
  const sessions = new Map<number, Session>();

  const sessionFor = (event: IpcMainInvokeEvent): Session => {
    const contents = event.sender;
    let session = sessions.get(contents.id);
    if (!session) {
      session = newSession();
      sessions.set(contents.id, session);
      const id = contents.id;
      contents.once('destroyed', () => sessions.delete(id));
    }
    return session;
  };

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      const frame = event.senderFrame;
      // A frame that is gone (null), a subframe, or any page not served by app:// is refused.
      if (!isTrustedFrame(frame)) {
        options.log?.(`[ipc] refused ${channel} from an untrusted sender`);
        return forbidden;
      }
      return dispatch(sessionFor(event), channel, input);
    });
  }

  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
    sessions.clear();
  };
}
