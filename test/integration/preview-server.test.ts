import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppCore } from '../../electron/core/app/app-core';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { startPreviewServer, type PreviewServer } from '../../electron/ipc/preview-server';
import { tempDir } from '../support/db';

const { dir, cleanup } = tempDir();
let server: PreviewServer;
let core: AppCore;
let origin: string;

beforeAll(async () => {
  const root = join(dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  core = new AppCore(join(dir, 'data', 'tiaojie.db'));
  server = await startPreviewServer(createDispatcher(core), root);
  origin = new URL(server.url).origin;
});
afterAll(async () => {
  await server.close();
  await core.close();
  cleanup();
});

const rpc = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${origin}/rpc/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tiaojie-token': server.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the loopback preview transport', () => {
  it('listens on 127.0.0.1 only, with a token in the URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('serves the page only with the token, injecting it and the CSP', async () => {
    expect((await fetch(`${origin}/`)).status).toBe(403);
    expect((await fetch(`${origin}/?token=wrong`)).status).toBe(403);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`<meta name="tiaojie-token" content="${server.token}">`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect((await fetch(`${origin}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
  });

  it('never serves files outside the renderer', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%5c..%5csecret.txt']) {
      const r = await fetch(`${origin}${p}`);
      expect(await r.text()).not.toBe('secret');
    }
  });

  it('forwards RPC to the dispatcher, and refuses without the token or from another origin', async () => {
    const r = await rpc('app:status', {});
    expect(await r.json()).toEqual({ ok: true, value: { state: 'uninitialized', mode: null, committee: null, user: null } });
    expect((await rpc('app:status', {}, { 'x-tiaojie-token': 'nope' })).status).toBe(403);
    expect((await rpc('app:status', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await fetch(`${origin}/rpc/app:status`)).status).toBe(405);
  });

  it('answers malformed JSON and unknown channels as values', async () => {
    expect(await (await rpc('app:status', '{not json')).json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await (await rpc('cases:nuke', {})).json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await (await rpc('cases:list', {})).json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses another Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((ok) => {
      const req = request(`${origin}/rpc/app:status`, { method: 'POST', headers: { host: 'evil.example', 'x-tiaojie-token': server.token } }, (res) => ok(res.statusCode!));
      req.end('{}');
    });
    expect(status).toBe(421);
  });
});
