import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, Notification, safeStorage, session } from 'electron';
import { AppCore, type KeyStore } from './core/app/app-core';
import { DB_FILE } from './core/app/paths';
import { createDispatcher } from './ipc/dispatcher';
import { startBackupSchedule } from './core/backup/schedule';
import { createLogger, installCrashReports, type Logger } from './core/logging/logger';
import { registerIpc } from './ipc/electron-ipc';
import { printToPdf } from './documents/print-electron';
import { hardenAllWebContents, hardenSession, registerAppScheme, serveAppProtocol } from './security/harden';
import {
  APP_INDEX_URL, buildMenuTemplate, buildWindowOptions, safeStorageUsable, type MenuLanguage,
} from './security/window';

// Built to dist-electron/main.cjs: the project (or app.asar) root is one folder up, in
// development and in the packaged app alike.
const appRoot = resolve(__dirname, '..');
const rendererRoot = join(appRoot, 'dist', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');

// Logs carry channel names and error kinds only: never names, ID numbers or phone numbers (electron/core/logging/).
// Opened at the first line, after the data folder override below has been applied.
let logger: Logger | null = null;
const logs = () => (logger ??= createLogger(join(app.getPath('userData'), 'logs'), { echo: !app.isPackaged }));
const log = (message: string, personal?: readonly string[]) => logs().info(message, personal);

// A separate data folder for tests and trials: TIAOJIE_USER_DATA or Chromium's --user-data-dir.
// Set before the single-instance lock, which is keyed on this folder.
const userDataOverride = process.env.TIAOJIE_USER_DATA || app.commandLine.getSwitchValue('user-data-dir');
if (userDataOverride) app.setPath('userData', resolve(userDataOverride));

registerAppScheme();
hardenAllWebContents();
installCrashReports(logs);

/** The database key sealed by the operating system's key store (DPAPI, Keychain, libsecret/kwallet). */
const keyStore: KeyStore = {
  available: () =>
    safeStorageUsable(
      process.platform,
      safeStorage.isEncryptionAvailable(),
      process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
    ),
  seal: (plain) => safeStorage.encryptString(plain.toString('base64')).toString('base64'),
  open: (sealed) => Buffer.from(safeStorage.decryptString(Buffer.from(sealed, 'base64')), 'base64'),
};

const nativeBinding = app.isPackaged
  ? join(process.resourcesPath, 'native', 'better_sqlite3.node')
  : join(appRoot, 'native', 'electron', 'better_sqlite3.node');

let core: AppCore | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(buildWindowOptions(preloadPath, { isPackaged: app.isPackaged }));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_INDEX_URL).catch((e: Error) => log(`window did not load: ${e.name}`));
  return win;
}

function menuLanguage(): MenuLanguage {
  return app.getLocale().toLowerCase().startsWith('en') ? 'en' : 'zh';
}

/** 存为PDF: the document printed by Chromium (A4, fonts embedded), saved where the user chooses. */
async function savePdf(html: string, suggestedName: string): Promise<boolean> {
  const pdf = await printToPdf(html);
  const options = {
    title: '存为PDF', defaultPath: join(app.getPath('documents'), suggestedName.replace(/[\\/:*?"<>|]/g, '_')),
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  };
  const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return false;
  await writeFile(choice.filePath, pdf);
  return true;
}

/** Where to save a file the app writes itself, streamed (the statistics workbook); null if the user cancelled. */
async function chooseSavePath(suggestedName: string, filter: { name: string; extensions: string[] }): Promise<string | null> {
  const options = {
    title: '导出', defaultPath: join(app.getPath('documents'), suggestedName.replace(/[\\/:*?"<>|]/g, '_')), filters: [filter],
  };
  const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}

/** The backup folder (设置 → 备份与恢复); null if the user cancelled. */
async function chooseFolder(title: string): Promise<string | null> {
  const options = { title, defaultPath: app.getPath('documents'), properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[] };
  const choice = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return choice.canceled || !choice.filePaths[0] ? null : choice.filePaths[0];
}

/** A meeting reminder as a desktop notification; clicking it brings the window forward. */
function notify(title: string, body: string): void {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title, body, silent: false });
  n.on('click', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  n.show();
}

async function start(): Promise<void> {
  const dbPath = join(app.getPath('userData'), DB_FILE);
  if (!existsSync(nativeBinding)) {
    if (app.isPackaged) {
      dialog.showErrorBox('调解 Tiaojie', '程序文件不完整（缺少数据库组件），请重新安装。\nThe installation is incomplete (database module missing). Please reinstall.');
      app.exit(1);
      return;
    }
    log('native/electron/better_sqlite3.node is missing: run `npm run native:electron` (the database cannot open until then)');
  }

  core = new AppCore(dbPath, { nativeBinding, keyStore });
  // Opens without typing where the key store holds the key; otherwise the UI asks for the passphrase.
  const unlocked = await core.autoUnlock().catch(() => false);
  log(`start: state ${core.state()}${unlocked ? ' (unlocked by the key store)' : ''}`);

  registerIpc(createDispatcher(core, { log, platform: { savePdf, chooseSavePath, notify, chooseFolder } }), { log });
  // The daily encrypted backup: checked now and hourly (core/backup; nothing happens until a folder is chosen).
  startBackupSchedule(core, core.clock, (m) => log(m));
  const ses = session.defaultSession;
  // No network at all: only app:// (and DevTools in development) get through this session.
  hardenSession(ses, { devTools: !app.isPackaged });
  serveAppProtocol(rendererRoot, ses);
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(menuLanguage(), app.isPackaged)));
  mainWindow = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another Tiaojie already has this data folder open: it comes to the front instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.whenReady().then(start).catch((e: Error) => {
    log(`start-up failed: ${e.name}`);
    dialog.showErrorBox('调解 Tiaojie', `程序无法启动。\nTiaojie could not start.\n${e.name}`);
    app.exit(1);
  });

  app.on('activate', () => {
    if (core && !mainWindow) mainWindow = createWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Close the database cleanly (WAL checkpoint) before the process ends.
  let closing: Promise<void> | null = null;
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !core) return;
    event.preventDefault();
    closing ??= core.close()
      .catch((e: Error) => log(`closing the database failed: ${e.name}`))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
}
