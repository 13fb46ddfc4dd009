import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentType, resolveAsset } from '../security/app-protocol';
import { securityHeaders } from '../security/csp';
import type { Dispatch } from './dispatcher';
import { newSession } from './session';

export interface PreviewServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': type, ...securityHeaders(), ...extra });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The development and UI-test transport: the built renderer and `POST /rpc/<channel>` on
 * 127.0.0.1 only, guarded by a random per-run token. Never part of a packaged build.
 */
export async function startPreviewServer(dispatch: Dispatch, rendererRoot: string, port = 0): Promise<PreviewServer> {
  const token = randomBytes(24).toString('base64url');
  const session = newSession(); // One server, one window: like one Electron BrowserWindow.
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // Refuse other Host names: a DNS-rebinding page must not reach the core.
    if (req.headers.host !== origin.slice('http://'.length)) return send(res, 421, 'Misdirected', 'text/plain');
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only', 'text/plain');
      if ((req.headers.origin && req.headers.origin !== origin) || !sameSecret(String(req.headers['x-tiaojie-token'] ?? ''), token)) {
        return send(res, 403, 'Forbidden', 'text/plain');
      }
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'Too large', 'text/plain');
      let input: unknown;
      try {
        input = body === '' ? {} : JSON.parse(body);
      } catch {
        input = Symbol('malformed'); // Fails the channel's schema: a proper validation error.
      }
      const result = await dispatch(session, decodeURIComponent(url.pathname.slice(5)), input);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only', 'text/plain');
    const file = resolveAsset(rendererRoot, url.pathname);
    if (!file) return send(res, 404, 'Not found', 'text/plain');
    if (file.endsWith('index.html')) {
      if (!sameSecret(url.searchParams.get('token') ?? '', token)) {
        return send(res, 403, '请使用启动时打印的完整地址（含 token）打开预览。', 'text/plain; charset=utf-8');
      }
      const html = (await readFile(file, 'utf8')).replace('<head>', `<head>\n<meta name="tiaojie-token" content="${token}">`);
      return send(res, 200, html, 'text/html; charset=utf-8', { 'Cache-Control': 'no-store' });
    }
    try {
      return send(res, 200, await readFile(file), contentType(file));
    } catch {
      return send(res, 404, 'Not found', 'text/plain');
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain');
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/?token=${token}`,
    token,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
