import type { Channel, Input, Output } from '../../shared/ipc/contract';
import type { AppError, Result } from '../../shared/ipc/result';

/** What the Electron preload exposes (electron/preload.ts). */
interface PreloadApi {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}

const preload = (): PreloadApi | undefined =>
  (window as unknown as { api?: Partial<PreloadApi> }).api?.invoke
    ? (window as unknown as { api: PreloadApi }).api
    : undefined;

const internal = (message: string): AppError => ({ code: 'INTERNAL', key: 'errors.INTERNAL', message });

const isResult = (v: unknown): v is Result<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';

/** The per-run token the loopback preview server writes into index.html when it serves it. */
const previewToken = (): string =>
  document.querySelector('meta[name="tiaojie-token"]')?.getAttribute('content') ?? '';

async function viaPreview(channel: string, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`./rpc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tiaojie-token': previewToken() },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return { ok: false, error: internal('无法连接到程序，请稍后再试') };
  }
  const body: unknown = await response.json().catch(() => null);
  if (isResult(body)) return body;
  return { ok: false, error: internal(`程序返回了无法识别的答复（${response.status}），请稍后再试`) };
}

type Listener = (error: AppError) => void;
const unauthenticatedListeners = new Set<Listener>();

/** Lets the session drop back to the sign-in screen whenever the core says the session ended. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

const sessionListeners = new Set<Listener>();

/** SESSION_LOCKED (idle) and PASSWORD_CHANGE_REQUIRED: the session shows the lock or the change-password screen. */
export function onSessionRefusal(listener: Listener): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  const transport = preload();
  let result: Result<unknown>;
  try {
    result = transport ? await transport.invoke(channel, input) : await viaPreview(channel, input);
  } catch {
    result = { ok: false, error: internal('无法连接到程序，请稍后再试') };
  }
  if (!isResult(result)) result = { ok: false, error: internal('程序返回了无法识别的答复，请稍后再试') };
  if (!result.ok && result.error.code === 'UNAUTHENTICATED') {
    for (const l of unauthenticatedListeners) l(result.error);
  }
  if (!result.ok && (result.error.code === 'SESSION_LOCKED' || result.error.code === 'PASSWORD_CHANGE_REQUIRED')) {
    for (const l of sessionListeners) l(result.error);
  }
  return result as Result<Output<C>>;
}

/** True inside the desktop app (the preload's bridge), false in the loopback preview. */
export const isDesktop = (): boolean => preload() !== undefined;

/** The typed client: every channel of shared/ipc/contract.ts, errors as values. */
export const api = { call };
