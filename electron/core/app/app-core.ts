import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AppState } from '../../../shared/ipc/contract';
import { Database, DatabaseKeyError, type OpenOptions } from '../../db/data-source';
import { DatabaseTooNewError } from '../../db/schema-version';
import {
  createKeyFile, generateRecoveryPassphrase, keyFilePath, readKeyFile, unwrapWithPassphrase,
  WrongPassphraseError, writeKeyFile, type KeyFile,
} from '../../crypto/key-file';
import type { Clock } from '../context';
import { AppFailure, badState } from '../errors';
import { setupCommittee, type CommitteeSetup } from '../committee/setup';
import { databaseMode, setupOffice, type DatabaseMode, type OfficeKey, type OfficeSetup } from '../office/setup';
import { indexCases } from '../search/indexer';
import { migrationBackup } from '../backup/migration';
import { acknowledgeRecovery } from '../recovery/acknowledge';

/** The operating system's key store (Electron safeStorage); absent under plain Node. */
export interface KeyStore {
  /** False where no real key store backs it (Linux without a keyring: `basic_text`). */
  available(): boolean;
  seal(plain: Buffer): string;
  open(sealed: string): Buffer;
}

export interface AppCoreOptions extends OpenOptions {
  clock?: Clock;
  keyStore?: KeyStore;
}

const wrongPassphrase = () =>
  new AppFailure('WRONG_PASSPHRASE', 'errors.WRONG_PASSPHRASE', '恢复口令不正确，无法打开数据库。请核对纸上抄写的恢复口令后重试');

/**
 * Owns the database file's life: set-up, unlock, and the open connection. The dispatcher
 * asks it for the database; nothing else opens the file.
 */
export class AppCore {
  private database: Database | null = null;
  // Kept while open, so the recovery settings can rewrap it (electron/core/recovery/) without asking for it again.
  private openKey: Buffer | null = null;
  private openedBy: 'setup' | 'passphrase' | 'keyStore' | null = null;
  readonly clock: Clock;

  constructor(readonly dbPath: string, private readonly options: AppCoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  state(): AppState {
    if (this.database) return 'ready';
    return existsSync(keyFilePath(this.dbPath)) || existsSync(this.dbPath) ? 'locked' : 'uninitialized';
  }

  get db(): Database {
    if (!this.database) throw badState('数据库尚未解锁');
    return this.database;
  }

  /** Creates the encrypted database under a passphrase; returns it for the caller to show once. */
  async setup(input: CommitteeSetup & { passphrase?: string }): Promise<{ recoveryPassphrase: string }> {
    return this.create(input.passphrase, (db) => setupCommittee(db, input, this.clock()));
  }

  /** The same, for the city office (EXCHANGE.md): its age identity instead of a committee; returns its recipient too. */
  async setupOffice(input: OfficeSetup & { passphrase?: string }): Promise<OfficeKey & { recoveryPassphrase: string }> {
    const { passphrase, ...office } = input;
    let key: OfficeKey | undefined;
    const { recoveryPassphrase } = await this.create(passphrase, async (db) => { key = await setupOffice(db, office, this.clock()); });
    return { ...key!, recoveryPassphrase };
  }

  /** Committee or office, once open (migration 0009: the office row without a committee row). */
  async mode(): Promise<DatabaseMode> {
    return this.database ? databaseMode(this.database.manager) : null;
  }

  private async create(passphrase: string | undefined, initialise: (db: Database) => Promise<void>): Promise<{ recoveryPassphrase: string }> {
    if (this.state() !== 'uninitialized') throw badState('本机已完成初始设置，不能重复设置');
    const recoveryPassphrase = passphrase ?? generateRecoveryPassphrase();
    const { file, dataKey } = await createKeyFile(recoveryPassphrase);
    try {
      mkdirSync(dirname(this.dbPath), { recursive: true });
      writeKeyFile(this.dbPath, this.withKeyStore(file, dataKey));
      this.database = await Database.open(this.dbPath, dataKey, this.options);
      [this.openKey, this.openedBy] = [dataKey, 'setup'];
      await initialise(this.database);
    } catch (e) {
      // Half a set-up is no set-up: remove what was made so the next attempt starts clean.
      await this.close();
      for (const f of [this.dbPath, `${this.dbPath}-wal`, `${this.dbPath}-shm`, keyFilePath(this.dbPath)]) rmSync(f, { force: true });
      throw e;
    }
    return { recoveryPassphrase };
  }

  /** Opens with the recovery passphrase, and lets the key store remember the key from now on. */
  async unlock(passphrase: string): Promise<void> {
    if (this.database) return;
    let file = this.keyFile();
    let dataKey: Buffer;
    try {
      dataKey = await unwrapWithPassphrase(file, passphrase);
    } catch (e) {
      if (e instanceof WrongPassphraseError) throw wrongPassphrase();
      throw e;
    }
    await this.openWith(dataKey);
    this.openedBy = 'passphrase';
    // A key file the office rewrapped from the escrow: its first use is audited here too.
    if (file.recovered) file = await acknowledgeRecovery(this, file);
    if (!file.safeStorage && this.options.keyStore?.available()) writeKeyFile(this.dbPath, this.withKeyStore(file, dataKey));
  }

  /** Opens without typing, where a real key store holds the key. False if it cannot. */
  async autoUnlock(): Promise<boolean> {
    if (this.database) return true;
    const store = this.options.keyStore;
    if (this.state() !== 'locked' || !store?.available()) return false;
    const sealed = this.keyFile().safeStorage;
    if (!sealed) return false;
    try {
      await this.openWith(store.open(sealed));
      this.openedBy = 'keyStore';
      return true;
    } catch {
      return false; // A key store from another user or PC: fall back to the passphrase.
    }
  }

  async close(): Promise<void> {
    await this.database?.close();
    this.database = null;
    this.openKey?.fill(0);
    [this.openKey, this.openedBy] = [null, null];
  }

  /** How the open database was unlocked: the recovery settings ask for the passphrase unless the key store did it. */
  get unlockedBy(): 'setup' | 'passphrase' | 'keyStore' | null {
    return this.openedBy;
  }

  /** The open database's data key, for rewrapping only (never logged, never sent to the window). */
  dataKey(): Buffer {
    if (!this.openKey) throw badState('数据库尚未解锁');
    return this.openKey;
  }

  /** Whether the operating system's key store can hold the key (false on Linux without a keyring). */
  keyStoreAvailable(): boolean {
    return this.options.keyStore?.available() ?? false;
  }

  /** Closes the file, lets `work` replace it (a restore, core/backup), and opens it again under the same key. */
  async reopenAfter(work: () => void | Promise<void>): Promise<void> {
    const key = Buffer.from(this.dataKey()); // close() wipes the held one
    const openedBy = this.openedBy;
    await this.close();
    try {
      await work();
    } finally {
      await this.openWith(key);
      this.openedBy = openedBy;
    }
  }

  private keyFile(): KeyFile {
    const file = readKeyFile(this.dbPath);
    if (!file) throw badState('找不到数据库的密钥文件（.keys.json），无法解锁。请从备份恢复');
    return file;
  }

  private async openWith(dataKey: Buffer): Promise<void> {
    try {
      // Pending migrations: a copy into the admin's backup folder too (core/backup).
      this.database = await Database.open(this.dbPath, dataKey, { beforeMigrations: migrationBackup(this.clock), ...this.options });
      this.openKey = dataKey;
      // Cases written before the search index existed (or by a bulk load) are indexed now; usually none.
      await indexCases(this.database);
    } catch (e) {
      if (e instanceof DatabaseKeyError) {
        throw new AppFailure('WRONG_PASSPHRASE', 'errors.databaseKey', '密钥与数据库文件不匹配，或数据库文件已损坏');
      }
      if (e instanceof DatabaseTooNewError) {
        throw new AppFailure('BAD_STATE', 'errors.databaseTooNew',
          `此数据库（${this.dbPath}）已由更新版本的调解台升级，本版本无法打开。请安装最新版本的调解台后再打开；数据库文件未作任何改动`);
      }
      throw e;
    }
  }

  private withKeyStore(file: KeyFile, dataKey: Buffer): KeyFile {
    const store = this.options.keyStore;
    return store?.available() ? { ...file, safeStorage: store.seal(dataKey) } : file;
  }
}

