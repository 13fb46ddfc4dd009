import type { Session, WebContents } from 'electron';
import { externalUrl, isAppUrl, isTrustedSender } from './window';

// The run-time guards (navigation, new windows, permissions, network, IPC senders) as plain
// functions, attached by guardWebContents/guardSession: unit tests drive them with fakes, no Electron
// binary needed (ARCHITECTURE.md, Security). Only types come from 'electron' here.

/** What an Electron event offers the guards: a way to stop it. */
export interface Preventable {
  preventDefault(): void;
}

/** Hands an allowlisted, normalised https URL to the system browser. */
export type OpenExternal = (url: string) => void;

/** Hands `url` on only when it is on the allowlist (externalUrl); everything else is dropped. */
export function openIfAllowed(url: unknown, openExternal: OpenExternal): boolean {
  const safe = externalUrl(url);
  if (safe) openExternal(safe);
  return safe !== null;
}

/** will-navigate: the window stays on app:// pages; an allowlisted link opens in the system browser instead. */
export const navigationGuard = (openExternal: OpenExternal) => (event: Preventable, url: string): void => {
  if (isAppUrl(url)) return;
  event.preventDefault();
  openIfAllowed(url, openExternal);
};

/** will-redirect and will-frame-navigate: a redirect or subframe never leaves the app either. */
export const redirectGuard = (event: Preventable, url: string): void => {
  if (!isAppUrl(url)) event.preventDefault();
};

/** setWindowOpenHandler: no window is ever created; allowlisted pages go to the system browser. */
export const windowOpenGuard = (openExternal: OpenExternal) => ({ url }: { url: string }): { action: 'deny' } => {
  openIfAllowed(url, openExternal);
  return { action: 'deny' };
};

/** Every permission request (camera, notifications, geolocation, clipboard, …) is refused. */
export const permissionRequestGuard = (_contents: unknown, _permission: string, callback: (granted: boolean) => void): void =>
  callback(false);

/** Permission checks and device access: always no. */
export const permissionCheckGuard = (): false => false;

/** Which requests a session lets through besides the app's own pages. */
export interface RequestPolicy {
  /** Development only: the DevTools front end loads from devtools://. */
  devTools: boolean;
  /** Development only: a Vite dev server on this machine (http/ws); the app's own builds set none. */
  devServerOrigin?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The dev server's http origin, or null when it is not a loopback http(s) origin. */
function loopbackOrigin(origin: string | undefined): string | null {
  if (!origin) return null;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.has(u.hostname) ? u.origin : null;
  } catch {
    return null;
  }
}

/** The http(s) origin a request goes to (ws/wss mapped onto http/https), or null. */
function requestOrigin(url: string): string | null {
  try {
    const u = new URL(url);
    const protocol = { 'ws:': 'http:', 'wss:': 'https:' }[u.protocol] ?? u.protocol;
    return protocol === 'http:' || protocol === 'https:' ? `${protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

/**
 * webRequest.onBeforeRequest: the app makes no network request at all. Allowed are its own
 * app:// pages, blobs it created itself, data: (bytes carried in the URL, no fetch) and, in
 * development only, DevTools and a loopback dev server. Everything else is cancelled.
 */
export function allowsRequest(url: string, policy: RequestPolicy): boolean {
  if (isAppUrl(url)) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'data') return true;
  if (scheme === 'blob') return isAppUrl(url.slice('blob:'.length));
  if (scheme === 'devtools') return policy.devTools;
  const dev = loopbackOrigin(policy.devServerOrigin);
  return dev !== null && requestOrigin(url) === dev;
}

export const requestGuard = (policy: RequestPolicy) =>
  (details: { url: string }, callback: (response: { cancel: boolean }) => void): void =>
    callback({ cancel: !allowsRequest(details.url, policy) });

/** The frame an IPC message came from, as far as the check needs it. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/** IPC answers only the app's own top-level page: never a gone frame, a subframe or another origin. */
export function isTrustedFrame(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.parent === null && isTrustedSender(frame.url);
}

/** Attaches the per-window guards to one webContents (every webContents the app creates). */
export function guardWebContents(contents: WebContents, openExternal: OpenExternal): void {
  contents.on('will-navigate', navigationGuard(openExternal));
  contents.on('will-redirect', redirectGuard);
  // Main-frame navigations are will-navigate's (which may hand the link to the browser); subframes here.
  contents.on('will-frame-navigate', (details) => {
    if (!details.isMainFrame) redirectGuard(details, details.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenGuard(openExternal));
}

/** Attaches the session-wide guards: no permissions, no devices, no network. */
export function guardSession(ses: Session, policy: RequestPolicy): void {
  ses.setPermissionRequestHandler(permissionRequestGuard);
  ses.setPermissionCheckHandler(permissionCheckGuard);
  ses.setDevicePermissionHandler(permissionCheckGuard);
  ses.webRequest.onBeforeRequest(requestGuard(policy));
  // The spell checker would download Hunspell dictionaries from Google's CDN.
  ses.setSpellCheckerEnabled(false);
}
