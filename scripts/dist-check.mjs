#!/usr/bin/env node
// `npm run dist`, before electron-builder: refuses to package without the Electron build of the native module
// (electron-builder only warns about a missing extraResources file, and the installed app could not open its database).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const missing = [
  join('native', 'electron', 'better_sqlite3.node'),
  join('dist-electron', 'main.cjs'),
  join('dist', 'renderer', 'index.html'),
  join('build', 'icon.ico'),
  join('build', 'icon.icns'),
  join('build', 'icons', '512x512.png'),
].filter((p) => !existsSync(join(ROOT, p)));
if (missing.length > 0) {
  console.error(`\n✗ 打包前缺少：${missing.join('、')}。先运行 npm run native:electron 和 npm run build（图标：npm run icons）。
  Missing before packaging: ${missing.join(', ')}. Run npm run native:electron and npm run build first (icons: npm run icons).\n`);
  process.exit(1);
}
console.log('✓ native module, build output and icons present');
