import { readFile } from 'node:fs/promises';
import { app, protocol, shell, type Session, type WebContents } from 'electron';
import { contentType, resolveAsset } from './app-protocol';
import { securityHeaders } from './csp';
import { APP_HOST, APP_SCHEME, externalUrl, isAppUrl, isBlockedRequest, permissionDecision } from './window';

/**
 * app:// behaves like https for the renderer (origin, fetch, secure context). Must run before
 * the app's 'ready' event.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...securityHeaders() } });

/** Serves the built renderer (dist/renderer) on app://tiaojie/ with the app's CSP. After 'ready'. */
export function serveAppProtocol(rendererRoot: string, ses: Session): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'GET only');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad request');
    }
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    const file = resolveAsset(rendererRoot, url.pathname);
    if (!file) return plain(404, 'Not found');
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: { 'Content-Type': contentType(file), 'Cache-Control': 'no-cache', ...securityHeaders() },
      });
    } catch {
      return plain(404, 'Not found');
    }
  });
}

/** Session-wide rules: no permissions, no device access, no remote or file requests. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(permissionDecision()));
  ses.setPermissionCheckHandler(() => permissionDecision());
  ses.setDevicePermissionHandler(() => permissionDecision());
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: isBlockedRequest(details.url) }));
}

/** Opens an allowlisted https page in the system browser; anything else is dropped. */
function openExternally(url: string): void {
  const safe = externalUrl(url);
  if (safe) void shell.openExternal(safe).catch(() => undefined);
}

/** Per-webContents rules: the app never navigates away, opens windows or attaches webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
}

/** Applies the per-webContents rules to every webContents the app ever creates. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
