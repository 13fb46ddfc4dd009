import Sqlite from 'better-sqlite3-multiple-ciphers';
import { keyConnection } from './cipher';

/** Reads through cached prepared statements, and SQL functions calling JavaScript: the app's Database, or a reader's. */
export interface SqlReader {
  read<T>(sql: string, params?: unknown[]): T[];
  function(name: string, options: { deterministic?: boolean }, fn: (...args: unknown[]) => unknown): void;
}

/** A file, its key and the native module's build: enough for another thread to open the same database. */
export interface ReaderSpec { path: string; dataKey: Buffer; nativeBinding?: string }

/**
 * A read-only connection of its own (a worker thread's: SQLite connections are not shared between threads). Without
 * TypeORM, so a worker starts quickly; it sees each committed state of the file, as the app's connection does.
 */
export function openReader(spec: ReaderSpec): SqlReader & { close(): void } {
  const db = new Sqlite(spec.path, { readonly: true, fileMustExist: true, nativeBinding: spec.nativeBinding });
  try {
    keyConnection(db, Buffer.from(spec.dataKey));
    db.pragma('schema_version'); // the key is tried at the first read: here, not half way through a job
  } catch (e) {
    db.close();
    throw e;
  }
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, Sqlite.Statement>();
  return {
    read<T>(sql: string, params: unknown[] = []): T[] {
      let stmt = statements.get(sql);
      if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
      return stmt.all(...params) as T[];
    },
    function: (name, options, fn) => { db.function(name, options, fn); },
    close: () => db.close(),
  };
}
