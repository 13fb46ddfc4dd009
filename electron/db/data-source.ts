import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Sqlite from 'better-sqlite3-multiple-ciphers';
import { DataSource, type EntityManager, type MigrationInterface } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { keyConnection } from './cipher';
import type { ReaderSpec } from './reader';
import { refuseNewerSchema } from './schema-version';

export class DatabaseKeyError extends Error {
  constructor() { super('database key does not open this file'); }
}

export interface OpenOptions {
  /** The Electron build of the native module (ARCHITECTURE.md, Data); the Node build otherwise. */
  nativeBinding?: string;
  /** Where the pre-migration copy goes; beside the database by default. */
  backupDir?: string;
  now?: () => Date;
  /** The explicit migration list; tests add one to prove the pre-migration copy. */
  migrations?: (new () => MigrationInterface)[];
  /**
   * Runs after the beside-the-file copy, before pending migrations (core/backup's copy into the chosen folder);
   * what it returns runs once they have succeeded (recording that copy in the migrated schema).
   */
  beforeMigrations?: (db: Database) => Promise<(() => Promise<void>) | void>;
}

/**
 * The database, encrypted with SQLCipher's scheme through better-sqlite3-multiple-ciphers and a
 * raw 256-bit key, so opening costs no key derivation (the passphrase KDF is in the key file).
 */
export class Database {
  private constructor(readonly source: DataSource, readonly path: string, private readonly dataKey: Buffer, private readonly nativeBinding?: string) {}

  static async open(path: string, dataKey: Buffer, options: OpenOptions = {}): Promise<Database> {
    mkdirSync(dirname(path), { recursive: true });
    const existed = existsSync(path);
    const source = new DataSource({
      type: 'better-sqlite3',
      driver: Sqlite,
      nativeBinding: options.nativeBinding,
      database: path,
      entities: ENTITIES,
      migrations: options.migrations ?? MIGRATIONS,
      migrationsTransactionMode: 'all',
      synchronize: false,
      logging: false,
      statementCacheSize: 200,
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        keyConnection(db, dataKey);
        // The key is only tried at the first read: make it happen here, with a clear error.
        try {
          db.pragma('schema_version');
        } catch (e) {
          if (/not a database/i.test(String((e as Error).message))) throw new DatabaseKeyError();
          throw e;
        }
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
        // Temporary tables and statement journals in memory, off the disk: a statement on a table with triggers
        // (migration 0008's revisions) opens a statement journal, which as a temp file doubled a bulk insert's time.
        db.pragma('temp_store = MEMORY');
      },
      enableWAL: true,
    });
    try {
      await source.initialize();
    } catch (e) {
      if (e instanceof DatabaseKeyError || /not a database/i.test(String((e as Error).message))) throw new DatabaseKeyError();
      throw e;
    }
    try {
      // An older app must not migrate, or write to, a newer app's file (docs/release.md).
      await refuseNewerSchema(source, options.migrations ?? MIGRATIONS);
    } catch (e) {
      await source.destroy();
      throw e;
    }
    const db = new Database(source, path, dataKey, options.nativeBinding);
    await db.migrate(existed, options);
    return db;
  }

  /** Pending migrations run in one transaction, after an encrypted copy of the file is taken. */
  private async migrate(existed: boolean, options: OpenOptions): Promise<void> {
    if (!(await this.source.showMigrations())) return;
    if (existed && (await this.hasTables())) {
      const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      const dir = options.backupDir ?? dirname(this.path);
      mkdirSync(dir, { recursive: true });
      await this.vacuumInto(`${dir}/${this.path.split(/[\\/]/).pop()}.pre-migration-${stamp}.db`);
      const after = await options.beforeMigrations?.(this);
      await this.source.runMigrations({ transaction: 'all' });
      if (after) await after();
      return;
    }
    await this.source.runMigrations({ transaction: 'all' });
  }

  private async hasTables(): Promise<boolean> {
    const rows = await this.source.query(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`);
    return rows[0].n > 0;
  }

  /** A consistent, still-encrypted copy (the online-backup API refuses encrypted databases). */
  async vacuumInto(target: string): Promise<void> {
    await this.source.query('VACUUM INTO ?', [target]);
  }

  get manager(): EntityManager {
    return this.source.manager;
  }

  /** One transaction per operation: everything or nothing. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.source.transaction(work);
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.source.query(sql, params);
  }

  private readonly statements = new Map<string, ReturnType<RawHandle['prepare']>>();

  /**
   * A hot read through a cached prepared statement, skipping TypeORM's per-query work: for the
   * few queries on every screen (the case list), where that work would be most of the time.
   */
  read<T>(sql: string, params: unknown[] = []): T[] {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = rawHandle(this).prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt.all(...params) as T[];
  }

  /** A SQL function calling JavaScript, on this connection (records.ts's pseudonym). */
  function(name: string, options: { deterministic?: boolean }, fn: (...args: unknown[]) => unknown): void {
    rawHandle(this).function(name, options, fn);
  }

  /** What another thread needs to open its own read-only connection to this file (reader.ts). */
  readerSpec(): ReaderSpec {
    return { path: this.path, dataKey: this.dataKey, nativeBinding: this.nativeBinding };
  }

  /** Several reads that must see one state of the file (a report's figures): one read transaction. */
  readConsistent<T>(work: () => T): T {
    return rawHandle(this).transaction(work)();
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.source.isInitialized) await this.source.destroy();
  }
}

/** The driver's own handle, for bulk loading only (seed, import): prepared statements in one transaction. */
export { keyConnection } from './cipher';

export interface RawHandle {
  prepare(sql: string): RawStatement;
  transaction<T>(fn: () => T): () => T;
  /** A SQL function calling JavaScript (better-sqlite3's `function`), on this connection. */
  function(name: string, options: { deterministic?: boolean }, fn: (...args: unknown[]) => unknown): void;
}

export interface RawStatement {
  run(...params: unknown[]): { lastInsertRowid: number | bigint };
  all(...params: unknown[]): unknown[];
  /** Rows as arrays in column order. */
  raw(toggle?: boolean): RawStatement;
}

export function rawHandle(db: Database): RawHandle {
  return (db.source.driver as unknown as { databaseConnection: RawHandle }).databaseConnection;
}

const arrayStatements = new WeakMap<RawHandle, Map<string, RawStatement>>();

/**
 * A read whose rows come back as arrays in column order, through a cached prepared statement on the
 * manager's connection (the one connection: inside a transaction it sees that transaction's writes).
 * For reads of thousands of rows (a month of the calendar), where an object per row would be most of the time.
 */
export function readArrays<T extends unknown[]>(manager: EntityManager, sql: string, params: unknown[] = []): T[] {
  const connection = (manager.connection.driver as unknown as { databaseConnection: RawHandle }).databaseConnection;
  let cache = arrayStatements.get(connection);
  if (!cache) arrayStatements.set(connection, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = connection.prepare(sql).raw(true)));
  return stmt.all(...params) as T[];
}
