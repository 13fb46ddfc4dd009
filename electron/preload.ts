import { contextBridge, ipcRenderer } from 'electron';
import { isChannel } from '../shared/ipc/contract';
import type { Result } from '../shared/ipc/result';

// Runs sandboxed: no Node, no require of other files. The build bundles it into one CommonJS file.
// The page gets exactly one function; it can reach nothing but the contract's channels.

const unknownChannel: Result<never> = {
  ok: false,
  error: { code: 'UNKNOWN_CHANNEL', key: 'errors.UNKNOWN_CHANNEL', message: '未知的请求类型' },
};

const api = Object.freeze({
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) return Promise.resolve(unknownChannel);
    return ipcRenderer.invoke(channel, input ?? {}) as Promise<Result<unknown>>;
  },
});

contextBridge.exposeInMainWorld('api', api);
