import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from '@playwright/test';
import { FONTS_READY_SCRIPT } from '../../electron/documents/fonts';
import { fontSourcePath } from '../../electron/documents/fonts-copy';
import { securityHeaders } from '../../electron/security/csp';

const ROOT = resolve(import.meta.dirname, '../..');

/** Debian's Chromium, as every test here launches it (never a downloaded browser). */
export const launchChromium = (): Promise<Browser> => chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

export interface DocServer {
  origin: string;
  /** Serves `html` at /documents/<name>.html and returns its URL. */
  put(name: string, html: string): string;
  close(): Promise<void>;
}

/**
 * The documents as the app serves them: /documents/<name>.html and the shipped fonts at /fonts/,
 * same origin, with the app's CSP headers on every response.
 */
export async function startDocServer(): Promise<DocServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...securityHeaders() });
      res.end(body);
    };
    const doc = /^\/documents\/([\w-]+)\.html$/.exec(path);
    if (doc && pages.has(doc[1])) return send(200, 'text/html; charset=utf-8', pages.get(doc[1])!);
    const font = /^\/fonts\/([\w.-]+\.woff2)$/.exec(path);
    const file = font ? fontSourcePath(ROOT, font[1]) : null;
    if (font && file) return send(200, 'font/woff2', readFileSync(file));
    send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    put(name, html) {
      pages.set(name, html);
      return `${origin}/documents/${name}.html`;
    },
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/**
 * Prints a document the way electron/documents/print-electron.ts does: after the load event and
 * FONTS_READY_SCRIPT (the fonts layout asked for), A4 and margins from the CSS @page, backgrounds on.
 */
export async function pageToPdf(page: Page, url: string): Promise<Buffer> {
  await page.goto(url, { waitUntil: 'load' });
  const status = await page.evaluate(FONTS_READY_SCRIPT);
  if (status !== 'loaded') throw new Error(`fonts still ${String(status)}`);
  return page.pdf({ preferCSSPageSize: true, printBackground: true });
}

const run = async (cmd: string, args: string[]): Promise<string> =>
  (await promisify(execFile)(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;

export interface PdfFacts {
  pages: number;
  /** Page size in points, e.g. [595.28, 841.89]. */
  size: [number, number];
  fonts: { name: string; type: string; emb: boolean; sub: boolean }[];
  /** Text of every page (pdftotext). */
  text: string;
}

/** Reads a PDF with poppler: pdfinfo, pdffonts, pdftotext. */
export async function inspectPdf(pdfPath: string): Promise<PdfFacts> {
  const [info, fontList, text] = await Promise.all([
    run('pdfinfo', [pdfPath]), run('pdffonts', [pdfPath]), run('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']),
  ]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = /Pages:\s+(\d+)/.exec(info);
  const fontLines = fontList.split('\n').slice(2).filter((l) => l.trim());
  const fonts = fontLines.map((l) => {
    // name type [type…] encoding emb sub uni object ID
    const cols = l.trim().split(/\s+/);
    const n = cols.length;
    return { name: cols[0], type: cols.slice(1, n - 6).join(' '), emb: cols[n - 5] === 'yes', sub: cols[n - 4] === 'yes' };
  });
  return {
    pages: pages ? Number(pages[1]) : 0,
    size: size ? [Number(size[1]), Number(size[2])] : [0, 0],
    fonts,
    text,
  };
}

/** The first page as a PNG at 80 dpi: `<dir>/<name>.png`. */
export async function firstPagePng(pdfPath: string, dir: string, name: string): Promise<string> {
  const out = join(dir, name);
  await run('pdftoppm', ['-r', '80', '-png', '-singlefile', '-f', '1', '-l', '1', pdfPath, out]);
  return `${out}.png`;
}

/** Every page as PNGs (for looking at multi-page documents): `<dir>/<name>-<n>.png`. */
export async function allPagesPng(pdfPath: string, dir: string, name: string): Promise<void> {
  await run('pdftoppm', ['-r', '80', '-png', pdfPath, join(dir, name)]);
}

export const writePdf = (dir: string, name: string, pdf: Buffer): string => {
  const path = join(dir, `${basename(name)}.pdf`);
  writeFileSync(path, pdf);
  return path;
};

/** Text without any white space, so a phrase matches across line breaks and spaced-out titles. */
export const compact = (s: string): string => s.replace(/\s+/g, '');
