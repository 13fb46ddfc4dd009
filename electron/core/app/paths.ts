import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder Electron's userData gives for productName Tiaojie, found without Electron (CLI.md). */
export function defaultDataDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Tiaojie');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Tiaojie');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Tiaojie');
}

export const DB_FILE = 'tiaojie.db';
export const defaultDbPath = (env = process.env, platform = process.platform) => join(defaultDataDir(env, platform), DB_FILE);
