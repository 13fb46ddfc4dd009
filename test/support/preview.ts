import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface RunningPreview {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the real loopback preview (real core, real encrypted SQLite) on a data folder. */
export function startPreview(opts: { dataDir?: string; env?: Record<string, string> } = {}): Promise<RunningPreview> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'tiaojie-e2e-'));
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'electron/ipc/preview-main.ts'), '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`preview did not start in 60 s\n${stderr}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PREVIEW_URL (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({
          url: m[1],
          dataDir,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`preview exited with ${code}\n${stderr}`));
    });
  });
}
