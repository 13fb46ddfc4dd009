import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { AppCore } from '../core/app/app-core';
import { DB_FILE } from '../core/app/paths';
import { createDispatcher } from './dispatcher';
import { startPreviewServer } from './preview-server';
import { startBackupSchedule } from '../core/backup/schedule';
import { createLogger, installCrashReports } from '../core/logging/logger';

// `npm run preview`: the real renderer and the real core over loopback, for development and UI tests.
const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
});
const dataDir = resolve(values['data-dir'] ?? process.env.TIAOJIE_PREVIEW_DIR ?? join(root, '.tiaojie-preview'));
const rendererRoot = join(root, 'dist', 'renderer');
if (!existsSync(join(rendererRoot, 'index.html'))) {
  console.error('找不到已构建的界面（dist/renderer）。请先运行 npm run build:renderer，或直接用 npm run preview。');
  process.exit(3);
}

// The same log as the desktop app, in the data folder; crash reports too (electron/core/logging/).
const logger = createLogger(join(dataDir, 'logs'), { echo: true });
installCrashReports(logger);
const core = new AppCore(join(dataDir, DB_FILE));
// Like the CLI, the preview may be unlocked from the environment; otherwise the UI asks.
if (core.state() === 'locked' && process.env.TIAOJIE_PASSPHRASE) await core.unlock(process.env.TIAOJIE_PASSPHRASE);
const server = await startPreviewServer(
  createDispatcher(core, { log: (m, personal) => logger.info(m, personal) }),
  rendererRoot,
  Number(values.port ?? 0),
);
console.log(`Tiaojie preview (数据目录 ${dataDir})`);
console.log(`PREVIEW_URL ${server.url}`);
// The same daily backup check as the desktop app: now and hourly.
const stopBackups = startBackupSchedule(core, core.clock, (m) => logger.info(m));

const stop = async () => {
  stopBackups();
  await server.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
