import { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  allowsRequest, guardSession, guardWebContents, isTrustedFrame, navigationGuard, openIfAllowed,
  permissionCheckGuard, permissionRequestGuard, redirectGuard, requestGuard, windowOpenGuard,
} from '../../electron/security/guards';

// The run-time guards of the desktop app (issue 7 and 8), driven with fake events, frames,
// webContents and sessions: no Electron binary needed.

const fakeEvent = () => ({ preventDefault: vi.fn() });

// Not on the allowlist, or not the URL it looks like: never opened, never navigated to.
const REFUSED_EXTERNAL: [string, string][] = [
  ['plain http on an allowlisted host', 'http://flk.npc.gov.cn/'],
  ['file:', 'file:///C:/Windows/System32/calc.exe'],
  ['javascript:', 'javascript:alert(document.cookie)'],
  ['data:', 'data:text/html,<h1>x</h1>'],
  ['another https host', 'https://example.com/'],
  ['allowlisted name as a subdomain of another host', 'https://flk.npc.gov.cn.example.evil.com/'],
  ['allowlisted name with an encoded dot', 'https://flk.npc.gov.cn%2eevil.com/'],
  ['user@host trick', 'https://flk.npc.gov.cn@evil.com/'],
  ['user:password@host trick', 'https://www.gov.cn:443@evil.com/'],
  ['allowlisted host behind a fragment', 'https://evil.com#@www.gov.cn/'],
  ['allowlisted host behind a query', 'https://evil.com?@www.gov.cn/'],
  ['IDN look-alike (Cyrillic о)', 'https://www.gоv.cn/'],
  ['IDN look-alike in punycode', 'https://www.xn--gv-ntb.cn/'],
  ['look-alike letters', 'https://www.g0v.cn/'],
  ['a subdomain not on the list', 'https://a.flk.npc.gov.cn/'],
  ['a non-standard port', 'https://www.court.gov.cn:8443/'],
  ['ftp:', 'ftp://www.gov.cn/'],
  ['the app itself', 'app://tiaojie/index.html'],
];

const ALLOWED_EXTERNAL: [string, string][] = [
  ['https://flk.npc.gov.cn/', 'https://flk.npc.gov.cn/'],
  ['https://www.moj.gov.cn/pub/sfbgw/', 'https://www.moj.gov.cn/pub/sfbgw/'],
  ['https://WWW.COURT.GOV.CN/zixun.html', 'https://www.court.gov.cn/zixun.html'],
  // IDNA maps the ideographic full stop to '.': the normalised URL names the real host.
  ['https://www.gov。cn/zhengce/', 'https://www.gov.cn/zhengce/'],
];

const FOREIGN_PAGES = [
  'https://example.com/', 'http://127.0.0.1:5173/', 'file:///etc/passwd', 'file:///C:/Users/a/index.html',
  'app://evil/index.html', 'app://tiaojie.evil/', 'app://user@tiaojie/', 'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>', 'about:blank', 'devtools://devtools/bundled/inspector.html',
  'chrome://settings/', 'blob:https://evil.example/0b5d',
];
const APP_PAGES = ['app://tiaojie/', 'app://tiaojie/index.html', 'app://tiaojie/index.html#/cases/12', 'app://tiaojie/assets/index.js'];

describe('openExternal allowlist', () => {
  it.each(REFUSED_EXTERNAL)('refuses %s', (_why, url) => {
    const open = vi.fn();
    expect(openIfAllowed(url, open)).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it.each(ALLOWED_EXTERNAL)('opens %s as %s', (url, normalised) => {
    const open = vi.fn();
    expect(openIfAllowed(url, open)).toBe(true);
    expect(open).toHaveBeenCalledExactlyOnceWith(normalised);
  });
});

describe('navigation (will-navigate, will-redirect)', () => {
  it.each(FOREIGN_PAGES)('refuses to leave the app for %s', (url) => {
    const open = vi.fn();
    const event = fakeEvent();
    navigationGuard(open)(event, url);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(open).not.toHaveBeenCalled();
    const redirect = fakeEvent();
    redirectGuard(redirect, url);
    expect(redirect.preventDefault).toHaveBeenCalledOnce();
  });

  it.each(REFUSED_EXTERNAL.map(([, url]) => url).filter((u) => !u.startsWith('app:')))('refuses %s and opens nothing', (url) => {
    const open = vi.fn();
    const event = fakeEvent();
    navigationGuard(open)(event, url);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(open).not.toHaveBeenCalled();
  });

  it.each(APP_PAGES)('lets the app move between its own pages: %s', (url) => {
    const open = vi.fn();
    const event = fakeEvent();
    navigationGuard(open)(event, url);
    redirectGuard(event, url);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(open).not.toHaveBeenCalled();
  });

  it('keeps the window on the app and hands an allowlisted link to the system browser', () => {
    const open = vi.fn();
    const event = fakeEvent();
    navigationGuard(open)(event, 'https://flk.npc.gov.cn/index.html');
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(open).toHaveBeenCalledExactlyOnceWith('https://flk.npc.gov.cn/index.html');
  });
});

describe('new windows (setWindowOpenHandler)', () => {
  it.each([...FOREIGN_PAGES, ...APP_PAGES, ...REFUSED_EXTERNAL.map(([, url]) => url)])('denies a window for %s', (url) => {
    const open = vi.fn();
    expect(windowOpenGuard(open)({ url })).toEqual({ action: 'deny' });
    expect(open).not.toHaveBeenCalled();
  });

  it('denies the window even for an allowlisted page, which opens in the system browser instead', () => {
    const open = vi.fn();
    expect(windowOpenGuard(open)({ url: 'https://www.gov.cn/zhengce/' })).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledExactlyOnceWith('https://www.gov.cn/zhengce/');
  });
});

describe('permissions', () => {
  it.each([
    'media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal',
    'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'hid', 'serial', 'usb', 'idle-detection', 'unknown',
  ])('refuses a %s request', (permission) => {
    const callback = vi.fn();
    permissionRequestGuard({}, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('answers every permission or device check with no', () => {
    expect(permissionCheckGuard()).toBe(false);
  });
});

describe('network (webRequest.onBeforeRequest)', () => {
  const packaged = { devTools: false };
  const development = { devTools: true };

  it.each([
    'http://example.com/', 'https://example.com/x.js', 'https://flk.npc.gov.cn/', 'http://127.0.0.1:5173/',
    'http://localhost/', 'ws://example.com/socket', 'wss://example.com/socket', 'ws://localhost:5173/',
    'file:///etc/passwd', 'file:///C:/Windows/win.ini', 'ftp://example.com/f', 'chrome-extension://abcdefghijklmnop/x.js',
    'chrome://gpu/', 'about:blank', 'filesystem:https://example.com/temporary/x', 'blob:https://example.com/5f1c',
    'blob:null/5f1c', 'blob:app://evil/5f1c', 'app://evil/index.html', 'app://tiaojie.evil/x', 'app://user@tiaojie/',
    'app://tiaojie', 'devtools://devtools/bundled/inspector.html', 'HTTPS://EXAMPLE.COM/', 'no-scheme', '',
  ])('cancels %s in the packaged app', (url) => {
    expect(allowsRequest(url, packaged)).toBe(false);
    const callback = vi.fn();
    requestGuard(packaged)({ url }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel: true });
  });

  it.each([
    'app://tiaojie/', 'app://tiaojie/index.html', 'app://tiaojie/assets/index-abc.js?v=1', 'app://tiaojie/fonts/noto-sans-sc.woff2',
    'blob:app://tiaojie/7d7c4b1e-9f0a-4c1e-8a55-2f1f5b7c1d2e', 'data:image/png;base64,iVBORw0KGgo=', 'data:font/woff2;base64,AA==',
  ])('lets the app load %s', (url) => {
    expect(allowsRequest(url, packaged)).toBe(true);
    const callback = vi.fn();
    requestGuard(packaged)({ url }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel: false });
  });

  it('allows DevTools in development only, and still nothing remote', () => {
    expect(allowsRequest('devtools://devtools/bundled/inspector.html', development)).toBe(true);
    expect(allowsRequest('devtools://devtools/bundled/inspector.html', packaged)).toBe(false);
    expect(allowsRequest('https://chrome-devtools-frontend.appspot.com/x', development)).toBe(false);
    expect(allowsRequest('http://example.com/', development)).toBe(false);
  });

  it('allows a loopback dev server origin when one is configured, nothing else', () => {
    const dev = { devTools: true, devServerOrigin: 'http://localhost:5173' };
    expect(allowsRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(allowsRequest('ws://localhost:5173/?token=x', dev)).toBe(true);
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'http://127.0.0.1:5173/', 'http://localhost.evil.com:5173/', 'http://example.com/']) {
      expect(allowsRequest(url, dev), url).toBe(false);
    }
    // A dev server that is not on this machine is never trusted.
    expect(allowsRequest('http://example.com/x', { devTools: true, devServerOrigin: 'http://example.com' })).toBe(false);
    expect(allowsRequest('http://localhost:5173/', { devTools: true, devServerOrigin: 'not a url' })).toBe(false);
  });
});

describe('IPC sender frames', () => {
  const top = (url: string) => ({ url, parent: null });

  it('answers the app\'s own top-level page', () => {
    expect(isTrustedFrame(top('app://tiaojie/index.html'))).toBe(true);
    expect(isTrustedFrame(top('app://tiaojie/index.html#/cases/3'))).toBe(true);
  });

  it.each([
    ['a frame that is gone', null],
    ['no frame', undefined],
    ['a subframe of the app', { url: 'app://tiaojie/index.html', parent: top('app://tiaojie/index.html') }],
    ['a foreign top-level page', top('https://example.com/')],
    ['a local file', top('file:///tmp/evil.html')],
    ['about:blank', top('about:blank')],
    ['a look-alike app host', top('app://tiaojie.evil/index.html')],
    ['a data: page', top('data:text/html,x')],
  ])('refuses %s', (_why, frame) => {
    expect(isTrustedFrame(frame)).toBe(false);
  });
});

/** A stand-in webContents: real events, and the window-open handler it was given. */
function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (handler: typeof openHandler) => { openHandler = handler; },
  });
  return { contents: contents as unknown as WebContents, emitter, open: (url: string) => openHandler!({ url }) };
}

describe('guardWebContents wiring', () => {
  it('refuses foreign navigations, redirects, subframes and webviews, and denies windows', () => {
    const open = vi.fn();
    const { contents, emitter, open: windowOpen } = fakeContents();
    guardWebContents(contents, open);

    const nav = fakeEvent();
    emitter.emit('will-navigate', nav, 'https://example.com/');
    expect(nav.preventDefault).toHaveBeenCalledOnce();
    const inApp = fakeEvent();
    emitter.emit('will-navigate', inApp, 'app://tiaojie/index.html#/cases');
    expect(inApp.preventDefault).not.toHaveBeenCalled();

    const redirect = fakeEvent();
    emitter.emit('will-redirect', redirect, 'file:///etc/passwd');
    expect(redirect.preventDefault).toHaveBeenCalledOnce();

    const subframe = { ...fakeEvent(), url: 'https://example.com/', isMainFrame: false };
    emitter.emit('will-frame-navigate', subframe);
    expect(subframe.preventDefault).toHaveBeenCalledOnce();

    const webview = fakeEvent();
    emitter.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalledOnce();

    expect(windowOpen('https://example.com/')).toEqual({ action: 'deny' });
    expect(open).not.toHaveBeenCalled();
    expect(windowOpen('https://www.moj.gov.cn/')).toEqual({ action: 'deny' });
    expect(open).toHaveBeenCalledExactlyOnceWith('https://www.moj.gov.cn/');
  });
});

describe('guardSession wiring', () => {
  it('installs the permission, device and network guards on the session, and turns off dictionary downloads', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const ses = {
      setPermissionRequestHandler: (h: never) => { handlers.request = h; },
      setPermissionCheckHandler: (h: never) => { handlers.check = h; },
      setDevicePermissionHandler: (h: never) => { handlers.device = h; },
      webRequest: { onBeforeRequest: (h: never) => { handlers.network = h; } },
      setSpellCheckerEnabled: vi.fn(),
    } as unknown as Session;
    guardSession(ses, { devTools: false });

    const granted = vi.fn();
    (handlers.request as (...a: unknown[]) => void)({}, 'media', granted, {});
    expect(granted).toHaveBeenCalledExactlyOnceWith(false);
    expect((handlers.check as () => boolean)()).toBe(false);
    expect((handlers.device as () => boolean)()).toBe(false);

    const network = handlers.network as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void;
    const remote = vi.fn();
    network({ url: 'http://example.com/' }, remote);
    expect(remote).toHaveBeenCalledExactlyOnceWith({ cancel: true });
    const own = vi.fn();
    network({ url: 'app://tiaojie/index.html' }, own);
    expect(own).toHaveBeenCalledExactlyOnceWith({ cancel: false });
    expect(ses.setSpellCheckerEnabled).toHaveBeenCalledExactlyOnceWith(false);
  });
});

const source = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('wired where the app runs', () => {
  it('guards every webContents, the app session (DevTools in development only) and the print session', () => {
    const main = source('electron/main.ts');
    expect(main).toMatch(/^hardenAllWebContents\(\);$/m);
    expect(main).toContain('hardenSession(ses, { devTools: !app.isPackaged });');
    expect(source('electron/security/harden.ts')).toContain('guardWebContents(contents, openExternally)');
    expect(source('electron/documents/print-electron.ts')).toContain('hardenSession(ses, { devTools: false });');
    expect(source('electron/ipc/electron-ipc.ts')).toContain('if (!isTrustedFrame(frame))');
  });
});

describe('offline by design', () => {
  const pkg = JSON.parse(source('package.json')) as Record<string, Record<string, string> | undefined>;

  it('has no auto-update, crash-upload or telemetry package', () => {
    const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    const phoning = names.filter((n) =>
      /^(electron-updater|update-electron-app|electron-differential-updater|@sentry\/|@bugsnag\/|electron-log|posthog|mixpanel|@amplitude\/|applicationinsights|@segment\/|@datadog\/|newrelic)/.test(n));
    expect(phoning).toEqual([]);
    expect((pkg.build as unknown as Record<string, unknown>).publish).toBeUndefined();
  });

  it('makes no network call from the main process: no autoUpdater, crashReporter, net, fetch or Node sockets', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const files = readdirSync(join(root, 'electron'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `electron/${f.split(sep).join('/')}`)
      // The loopback preview server serves the browser tests; it is never packaged (packaging.test.ts).
      .filter((f) => !/^electron\/ipc\/preview-(server|main)\.ts$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    const offenders = files.filter((f) => {
      const text = source(f);
      return /\bautoUpdater\b|\bcrashReporter\b|\bnet\.(request|fetch)\b|\bfetch\(|from 'node:(https?|http2|net|tls|dgram)'|from '(https?|http2|net|tls|dgram)'|\bimport\s*{[^}]*\bnet\b[^}]*}\s*from 'electron'/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
