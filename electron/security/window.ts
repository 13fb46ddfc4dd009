import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';

// Electron-only configuration written as pure functions (ARCHITECTURE.md, Security), so unit
// tests check it without an Electron binary. Only types come from 'electron' here.

export const APP_SCHEME = 'app';
export const APP_HOST = 'tiaojie';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** The web pages the app may hand to the system browser: official legal sources only. */
export const EXTERNAL_HOSTS: readonly string[] = Object.freeze([
  'flk.npc.gov.cn', // 国家法律法规数据库
  'www.moj.gov.cn', // 司法部
  'www.gov.cn', // 中国政府网
  'www.court.gov.cn', // 最高人民法院
]);

export interface WindowFlags {
  /** Packaged builds get no developer tools at all. */
  isPackaged?: boolean;
}

/** The one BrowserWindow configuration: every item of Electron's security checklist. */
export function buildWindowOptions(preloadPath: string, flags: WindowFlags = {}): BrowserWindowConstructorOptions {
  return {
    title: '调解 Tiaojie',
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 680,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !flags.isPackaged,
    },
  };
}

// Control characters (C0, DEL, C1) or any white space.
const hasControlOrSpace = (s: string): boolean =>
  /\s/.test(s) || [...s].some((c) => { const n = c.charCodeAt(0); return n < 0x21 || (n >= 0x7f && n <= 0x9f); });

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048) return null;
  // The URL parser quietly strips tabs, newlines and edge spaces; a URL that needs that is refused.
  if (hasControlOrSpace(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for the app's own pages: `app://tiaojie/…`. */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string' || !url.startsWith(`${APP_ORIGIN}/`)) return false;
  const u = parse(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.hostname === APP_HOST
    && u.username === '' && u.password === '' && u.port === '';
}

/** IPC answers only frames showing the app's own pages (never about:blank, file:, http:, …). */
export function isTrustedSender(frameUrl: unknown): boolean {
  return isAppUrl(frameUrl);
}

/** The normalised https URL the system browser may open, or null when it is not allowlisted. */
export function externalUrl(url: unknown): string | null {
  const u = parse(url);
  if (!u || u.protocol !== 'https:') return null;
  // `https://www.moj.gov.cn@evil.com/` has host evil.com; any userinfo at all is refused.
  if (u.username !== '' || u.password !== '' || u.port !== '') return null;
  if (!EXTERNAL_HOSTS.includes(u.hostname)) return null;
  return u.href;
}

export const isAllowedExternal = (url: unknown): boolean => externalUrl(url) !== null;

// Requests, permissions and the other run-time guards: guards.ts.

/**
 * Whether safeStorage has a real key store behind it. On Linux without a keyring the backend
 * is `basic_text` (a fixed, public key): then the app asks for the passphrase, it never pretends.
 */
export function safeStorageUsable(platform: string, encryptionAvailable: boolean, linuxBackend?: string): boolean {
  if (!encryptionAvailable) return false;
  if (platform !== 'linux') return true;
  // 'unknown' means Chromium could not tell which store it uses: treated like no store.
  return linuxBackend !== undefined && linuxBackend !== 'basic_text' && linuxBackend !== 'unknown';
}

export type MenuLanguage = 'zh' | 'en';

// Native menu labels live here, not in shared/i18n: the main process builds them before any
// renderer exists, and the role-based items take their other labels from the OS.
const LABELS = {
  zh: {
    file: '文件', edit: '编辑', view: '视图', help: '帮助', quit: '退出', close: '关闭窗口',
    undo: '撤销', redo: '重做', cut: '剪切', copy: '复制', paste: '粘贴', selectAll: '全选',
    reload: '重新加载', forceReload: '强制重新加载', devTools: '开发者工具',
    resetZoom: '实际大小', zoomIn: '放大', zoomOut: '缩小', fullscreen: '全屏', about: '关于调解',
  },
  en: {
    file: 'File', edit: 'Edit', view: 'View', help: 'Help', quit: 'Quit', close: 'Close Window',
    undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select All',
    reload: 'Reload', forceReload: 'Force Reload', devTools: 'Developer Tools',
    resetZoom: 'Actual Size', zoomIn: 'Zoom In', zoomOut: 'Zoom Out', fullscreen: 'Full Screen', about: 'About Tiaojie',
  },
} as const;

/**
 * The application menu: 文件/编辑/视图/帮助, built from roles only (no custom click handlers).
 * Reload and developer tools exist in development only.
 */
export function buildMenuTemplate(lang: MenuLanguage, isPackaged: boolean, platform: string = process.platform): MenuItemConstructorOptions[] {
  const l = LABELS[lang];
  const sep: MenuItemConstructorOptions = { type: 'separator' };
  const mac = platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(isPackaged ? [] : [
      { role: 'reload', label: l.reload },
      { role: 'forceReload', label: l.forceReload },
      { role: 'toggleDevTools', label: l.devTools },
      sep,
    ] satisfies MenuItemConstructorOptions[]),
    { role: 'resetZoom', label: l.resetZoom },
    { role: 'zoomIn', label: l.zoomIn },
    { role: 'zoomOut', label: l.zoomOut },
    sep,
    { role: 'togglefullscreen', label: l.fullscreen },
  ];
  return [
    // macOS puts the first menu under the application's name; it carries About and Quit there.
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    { label: l.file, submenu: [mac ? { role: 'close', label: l.close } : { role: 'quit', label: l.quit }] },
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        sep,
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    { label: l.view, submenu: view },
    { role: 'help', label: l.help, submenu: [{ role: 'about', label: l.about }] },
  ];
}
