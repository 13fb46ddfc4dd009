import { readFile } from 'node:fs/promises';
import { app, protocol, shell, type Session, type WebContents } from 'electron';
import { contentType, resolveAsset } from './app-protocol';
import { securityHeaders } from './csp';
import { guardSession, guardWebContents, type RequestPolicy } from './guards';
import { APP_HOST, APP_SCHEME, externalUrl } from './window';

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

/** Session-wide rules: no permissions, no device access, no network request that is not app:// (guards.ts). */
export function hardenSession(ses: Session, policy: RequestPolicy): void {
  guardSession(ses, policy);
}

/** The system browser, for allowlisted https pages only: checked again right at the call. */
const openExternally = (url: string): void => {
  const safe = externalUrl(url);
  if (safe) void shell.openExternal(safe).catch(() => undefined);
};

/** Per-webContents rules: the app never navigates away, opens windows or attaches webviews. */
export function hardenWebContents(contents: WebContents): void {
  guardWebContents(contents, openExternally);
}

/** Applies the per-webContents rules to every webContents the app ever creates. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
