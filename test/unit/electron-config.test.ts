import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { resolveAsset } from '../../electron/security/app-protocol';
import { buildCsp, securityHeaders } from '../../electron/security/csp';
import {
  APP_ORIGIN, buildMenuTemplate, buildWindowOptions, externalUrl, isAllowedExternal, isAppUrl,
  isTrustedSender, safeStorageUsable,
} from '../../electron/security/window';

// The Electron configuration is pure data: checked here with no Electron binary.

describe('window options (Electron security checklist)', () => {
  const options = buildWindowOptions('/app/dist-electron/preload.cjs');
  const web = options.webPreferences!;

  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(web.preload).toBe('/app/dist-electron/preload.cjs');
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and extras off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.spellcheck).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('shows the window only when ready, at a sensible size, with the app title', () => {
    expect(options.show).toBe(false);
    expect([options.width, options.height]).toEqual([1280, 820]);
    expect([options.minWidth, options.minHeight]).toEqual([1024, 680]);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.title).toBe('调解 Tiaojie');
  });

  it('has developer tools in development only', () => {
    expect(buildWindowOptions('/p', { isPackaged: true }).webPreferences!.devTools).toBe(false);
    expect(buildWindowOptions('/p', { isPackaged: false }).webPreferences!.devTools).toBe(true);
  });
});

describe('content security policy', () => {
  const directives = new Map(buildCsp().split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values] as const;
  }));

  it("defaults to 'self' and allows scripts only from the app", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    const script = directives.get('script-src')!;
    expect(script).toContain("'self'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    expect(script.some((s) => /^https?:|^\*$|^data:|^blob:/.test(s))).toBe(false);
  });

  it('loads nothing remote, embeds nothing, and cannot be framed', () => {
    expect(buildCsp()).not.toMatch(/https?:|\*/);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });

  it('is sent with every app response, with nosniff', () => {
    const headers = securityHeaders();
    expect(headers['Content-Security-Policy']).toBe(buildCsp());
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('external links (shell.openExternal allowlist)', () => {
  it.each([
    'https://flk.npc.gov.cn/',
    'https://flk.npc.gov.cn/detail2.html?ZmY4MDgxODE3OTZhNjM2YTAxNzk4MjJhMTk2NDBjOTI',
    'https://www.moj.gov.cn/pub/sfbgw/',
    'https://www.gov.cn/zhengce/',
    'https://WWW.GOV.CN/zhengce/', // The URL parser lower-cases host names.
  ])('allows %s', (url) => {
    expect(isAllowedExternal(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://www.moj.gov.cn/'],
    ['javascript:', 'javascript:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['another host', 'https://evil.example/'],
    ['userinfo trick', 'https://www.moj.gov.cn@evil.com/'],
    ['userinfo with password', 'https://www.moj.gov.cn:x@evil.com/'],
    ['userinfo on an allowed host', 'https://user@www.moj.gov.cn/'],
    ['look-alike suffix', 'https://www.moj.gov.cn.evil.com/'],
    ['look-alike prefix', 'https://evilwww.moj.gov.cn/'],
    ['subdomain not listed', 'https://evil.www.gov.cn/'],
    ['parent domain', 'https://gov.cn/'],
    ['trailing dot', 'https://www.gov.cn./'],
    ['explicit port', 'https://www.gov.cn:8443/'],
    ['backslash trick', 'https://evil.com\\@www.gov.cn/'],
    ['leading space', ' https://www.gov.cn/'],
    ['embedded newline', 'https://www.gov.cn/\nx'],
    ['embedded tab in scheme', 'ht\ttps://www.gov.cn/'],
    ['protocol-relative', '//www.gov.cn/'],
    ['IDN look-alike', 'https://www.gov.cп/'],
    ['the app itself', 'app://tiaojie/index.html'],
    ['empty', ''],
    ['not a URL', 'www.gov.cn'],
    ['not a string', 42 as unknown as string],
  ])('refuses %s', (_why, url) => {
    expect(isAllowedExternal(url)).toBe(false);
    expect(externalUrl(url)).toBeNull();
  });

  it('hands the system browser the parsed, normalised URL', () => {
    expect(externalUrl('https://WWW.GOV.CN/a b')).toBeNull(); // raw spaces refused
    expect(externalUrl('https://WWW.GOV.CN/zhengce')).toBe('https://www.gov.cn/zhengce');
  });
});

describe('app origin and IPC senders', () => {
  it('recognises only app://tiaojie/…', () => {
    expect(APP_ORIGIN).toBe('app://tiaojie');
    for (const ok of ['app://tiaojie/', 'app://tiaojie/index.html', 'app://tiaojie/index.html#/cases/1', 'app://tiaojie/assets/index-abc.js?x=1']) {
      expect(isAppUrl(ok), ok).toBe(true);
      expect(isTrustedSender(ok), ok).toBe(true);
    }
    for (const bad of [
      'app://tiaojie', 'app://tiaojie.evil/', 'app://tiaojie@evil/', 'app://evil/tiaojie/', 'app://tiaojie:80/',
      'app://user@tiaojie/', 'https://tiaojie/', 'http://127.0.0.1:5173/', 'file:///app/dist/renderer/index.html',
      'about:blank', 'devtools://devtools/bundled/index.html', 'data:text/html,x', '', ' app://tiaojie/',
    ]) {
      expect(isAppUrl(bad), bad).toBe(false);
      expect(isTrustedSender(bad), bad).toBe(false);
    }
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  // Requests, permissions, navigation and IPC frames: electron-guards.test.ts.
});

describe('safeStorage key store', () => {
  it('is used only where a real key store backs it', () => {
    expect(safeStorageUsable('win32', true)).toBe(true);
    expect(safeStorageUsable('darwin', true)).toBe(true);
    expect(safeStorageUsable('win32', false)).toBe(false);
    expect(safeStorageUsable('linux', true, 'gnome_libsecret')).toBe(true);
    expect(safeStorageUsable('linux', true, 'kwallet6')).toBe(true);
    expect(safeStorageUsable('linux', true, 'basic_text')).toBe(false);
    expect(safeStorageUsable('linux', true, 'unknown')).toBe(false);
    expect(safeStorageUsable('linux', false, 'gnome_libsecret')).toBe(false);
  });
});

describe('application menu', () => {
  const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
  const roles = (template: MenuItemConstructorOptions[]) => items(template).map((i) => i.role).filter(Boolean);

  it('has 文件/编辑/视图/帮助 in Chinese and File/Edit/View/Help in English', () => {
    expect(buildMenuTemplate('zh', true, 'win32').map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(buildMenuTemplate('en', true, 'linux').map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Help']);
  });

  it('has no developer tools or reload when packaged', () => {
    for (const platform of ['win32', 'darwin', 'linux']) {
      for (const lang of ['zh', 'en'] as const) {
        const r = roles(buildMenuTemplate(lang, true, platform));
        expect(r).not.toContain('toggleDevTools');
        expect(r).not.toContain('reload');
        expect(r).not.toContain('forceReload');
        expect(r).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
      }
    }
  });

  it('has developer tools in development', () => {
    expect(roles(buildMenuTemplate('zh', false, 'linux'))).toContain('toggleDevTools');
  });

  it('uses roles only: no click handlers to review', () => {
    expect(items(buildMenuTemplate('zh', false, 'darwin')).some((i) => typeof i.click === 'function')).toBe(false);
  });
});

describe('app:// asset resolution', () => {
  const root = mkdtempSync(join(tmpdir(), 'tiaojie-assets-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html>');
  writeFileSync(join(renderer, 'assets', 'app.js'), '');
  writeFileSync(join(root, 'package.json'), '{}');

  it('serves files inside the renderer folder', () => {
    expect(resolveAsset(renderer, '/')).toBe(join(renderer, 'index.html'));
    expect(resolveAsset(renderer, '/index.html')).toBe(join(renderer, 'index.html'));
    expect(resolveAsset(renderer, '/assets/app.js?v=1')).toBe(join(renderer, 'assets', 'app.js'));
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/x',
    '/..%2fpackage.json',
    '/..%2Fpackage.json',
    '/assets/../../package.json',
    '/..\\package.json',
    '/%5c..%5cpackage.json',
    '/index.html%00.js',
    '/\0',
    '/%zz', // malformed escape
    '/..',
  ])('refuses %s', (path) => {
    expect(resolveAsset(renderer, path)).toBeNull();
  });

  it('keeps absolute-looking paths inside the folder', () => {
    const file = resolveAsset(renderer, '//etc/passwd');
    expect(file === null || file.startsWith(renderer)).toBe(true);
  });
});

describe('pure configuration module', () => {
  it('imports only types from electron, so it loads without an Electron binary', async () => {
    const { readFileSync } = await import('node:fs');
    const source = readFileSync(new URL('../../electron/security/window.ts', import.meta.url), 'utf8');
    const imports = source.split('\n').filter((l) => /^import\b/.test(l));
    expect(imports.every((l) => l.startsWith('import type '))).toBe(true);
  });
});
