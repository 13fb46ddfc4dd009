#!/usr/bin/env node
// `npm start`: builds and runs the desktop app. Where no Electron binary is installed (npm install
// with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or an offline machine), says so plainly and points to the
// browser preview instead of failing with Electron's own cryptic message.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(join(ROOT, 'package.json'));

/** The Electron executable's path, or null when the package or its binary is missing. */
function electronBinary() {
  try {
    const path = require('electron'); // Under Node the package exports the binary's path.
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (!electron) {
  console.error(`
未安装 Electron 程序文件（例如安装依赖时设置了 ELECTRON_SKIP_BINARY_DOWNLOAD=1，或当时无法联网），无法启动桌面程序。
  · 在浏览器中打开同样的界面：npm run preview
  · 要运行桌面程序：联网后执行 node node_modules/electron/install.js 下载 Electron，再运行 npm start

Electron is not installed (e.g. dependencies were installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1,
or offline), so the desktop app cannot start.
  · The same UI in a browser: npm run preview
  · For the desktop app: when online, run node node_modules/electron/install.js, then npm start
`);
  process.exit(1);
}

/** Runs a step to completion, or stops here with its exit code. */
function step(command, args, shell = false) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell });
  if (r.error || r.status !== 0) {
    console.error(`\n✗ ${[command, ...args].join(' ')} 失败 / failed`);
    process.exit(r.status || 1);
  }
}

// npm_execpath is npm's own script when started through npm: no shell, works on Windows too.
const npm = (...args) => process.env.npm_execpath
  ? step(process.execPath, [process.env.npm_execpath, ...args])
  : step('npm', args, process.platform === 'win32'); // npm.cmd needs a shell on Windows.

if (!existsSync(join(ROOT, 'native', 'electron', 'better_sqlite3.node'))) {
  step(process.execPath, [join(ROOT, 'scripts', 'electron-native.mjs')]);
}
npm('run', 'build');

// ELECTRON_RUN_AS_NODE would turn the binary into plain Node and skip the app entirely.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(electron, [ROOT, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (!child.killed) child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
