import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, session, type BrowserWindowConstructorOptions, type Session } from 'electron';
import { securityHeaders } from '../security/csp';
import { hardenSession } from '../security/harden';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../security/window';
import { documentFontFiles, FONTS_READY_SCRIPT } from './fonts';
import { fontSourcePath } from './fonts-copy';

/**
 * Printing a document (HTML from renderDocument) in the main process: a hidden window on its own
 * in-memory session, sandboxed, no preload, no Node. The session serves the page at
 * app://tiaojie/documents/<random>.html and the shipped fonts at app://tiaojie/fonts/, so the page's
 * `../fonts/` URLs resolve same-origin under the app's CSP (and the page's own CSP, which allows no
 * script at all). Before printing, FONTS_READY_SCRIPT waits for the fonts layout needs, so the PDF
 * always embeds Noto Serif SC / Noto Sans SC.
 */

const PARTITION = 'tiaojie-documents'; // no `persist:`: nothing is written to disk
const LOAD_TIMEOUT_MS = 30_000;

/** Where the build puts the fonts (copyDocumentFonts → dist/renderer/fonts); inside app.asar when packaged. */
let fontDir: string | null = null;
export function setDocumentFontDir(dir: string): void {
  fontDir = dir;
}
const fontsFolder = () => fontDir ?? join(app.getAppPath(), 'dist', 'renderer', 'fonts');

const pages = new Map<string, string>();
let documentsSession: Session | null = null;

const respond = (status: number, type: string, body: BodyInit | null) =>
  new Response(body, { status, headers: { 'Content-Type': type, 'Cache-Control': 'no-store', ...securityHeaders() } });

async function fontFile(name: string): Promise<Buffer | null> {
  if (!documentFontFiles().includes(name)) return null;
  try {
    return await readFile(join(fontsFolder(), name));
  } catch {
    // Development without a build: straight from node_modules/@fontsource.
    if (app.isPackaged) return null;
    const source = fontSourcePath(app.getAppPath(), name);
    return source ? readFile(source).catch(() => null) : null;
  }
}

function printSession(): Session {
  if (documentsSession) return documentsSession;
  const ses = session.fromPartition(PARTITION, { cache: false });
  hardenSession(ses, { devTools: false });
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET' || url.host !== APP_HOST) return respond(404, 'text/plain', 'Not found');
    const doc = /^\/documents\/([a-f0-9]{32})\.html$/.exec(url.pathname);
    if (doc && pages.has(doc[1])) return respond(200, 'text/html; charset=utf-8', pages.get(doc[1])!);
    const font = /^\/fonts\/([a-z0-9-]+\.woff2)$/.exec(url.pathname);
    const body = font ? await fontFile(font[1]) : null;
    return body ? respond(200, 'font/woff2', new Uint8Array(body)) : respond(404, 'text/plain', 'Not found');
  });
  documentsSession = ses;
  return ses;
}

/** The hidden window's options: the documents need no script at all. */
export function printWindowOptions(ses: Session): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794, // A4 at 96 dpi, for the layout before printing
    height: 1123,
    webPreferences: {
      session: ses,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      images: true,
    },
  };
}

/** Loads `html` in a fresh hidden window, runs `work`, and always closes the window. */
async function withDocument<T>(html: string, work: (win: BrowserWindow) => Promise<T>): Promise<T> {
  const ses = printSession();
  const id = randomBytes(16).toString('hex');
  pages.set(id, html);
  const win = new BrowserWindow(printWindowOptions(ses));
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error('document did not load')), LOAD_TIMEOUT_MS);
    });
    const loaded = async () => {
      await win.loadURL(`${APP_ORIGIN}/documents/${id}.html`);
      // Runs outside the page's CSP, like DevTools; the page itself cannot run script.
      const status: unknown = await win.webContents.executeJavaScript(FONTS_READY_SCRIPT);
      if (status !== 'loaded') throw new Error('document fonts did not load');
    };
    await Promise.race([loaded(), timeout]).finally(() => clearTimeout(timer));
    return await work(win);
  } finally {
    pages.delete(id);
    if (!win.isDestroyed()) win.destroy();
  }
}

/** The document as an A4 PDF, the CJK fonts embedded. */
export function printToPdf(html: string): Promise<Buffer> {
  return withDocument(html, (win) =>
    win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }));
}

/** Sends the document to a printer through the system print dialog (or silently to `deviceName`). */
export function printToPrinter(html: string, options: { silent?: boolean; deviceName?: string } = {}): Promise<void> {
  return withDocument(html, (win) => new Promise<void>((ok, fail) => {
    win.webContents.print(
      // Margins come from the document's CSS @page, which Chromium prefers to any print setting.
      { silent: options.silent ?? false, deviceName: options.deviceName, printBackground: true, pageSize: 'A4' },
      (success, reason) => (success ? ok() : fail(new Error(`printing failed: ${reason}`))),
    );
  }));
}
