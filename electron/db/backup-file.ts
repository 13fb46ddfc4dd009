import Sqlite from 'better-sqlite3-multiple-ciphers';
import { keyConnection } from './cipher';

/** Whose database a file is: a committee (code and station) or the city office (its recipient). */
export type DatabaseIdentity =
  | { kind: 'committee'; code: string; name: string; stationId: string }
  | { kind: 'office'; name: string; recipient: string }
  | null;

/** What a candidate backup holds, read without changing it; or why it could not be read. */
export type BackupInspection =
  | { ok: true; identity: DatabaseIdentity; migrations: string[] }
  | { ok: false; reason: 'key' | 'damaged' | 'foreignKeys'; detail: string };

type Query = (sql: string) => Record<string, unknown>[];

const hasTable = (q: Query, name: string) =>
  q(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '${name}'`).length > 0;

/** The identity by the same queries for the open database and a candidate. */
export function identityOf(q: Query): DatabaseIdentity {
  if (hasTable(q, 'committee')) {
    const [c] = q('SELECT code, name, station_id FROM committee WHERE id = 1');
    if (c) return { kind: 'committee', code: String(c.code), name: String(c.name), stationId: String(c.station_id) };
  }
  if (hasTable(q, 'office')) {
    const [o] = q('SELECT name, recipient FROM office WHERE id = 1');
    if (o) return { kind: 'office', name: String(o.name), recipient: String(o.recipient) };
  }
  return null;
}

/**
 * Opens a candidate backup read-only under the given data key (the same cipher settings as
 * data-source.ts) and checks it: the key opens it, `integrity_check` and `foreign_key_check` pass.
 * Never writes to the file.
 */
export function inspectBackup(path: string, dataKey: Buffer, nativeBinding?: string): BackupInspection {
  let db: InstanceType<typeof Sqlite> | undefined;
  try {
    db = new Sqlite(path, { readonly: true, fileMustExist: true, nativeBinding });
    keyConnection(db, dataKey);
    try {
      db.pragma('schema_version');
    } catch (e) {
      return { ok: false, reason: 'key', detail: (e as Error).message };
    }
    const conn = db;
    const q: Query = (sql) => conn.prepare(sql).all() as Record<string, unknown>[];
    // A flipped byte inside a page fails its HMAC: the read throws, or the check lists the damage.
    try {
      const integrity = conn.pragma('integrity_check') as { integrity_check: string }[];
      if (integrity.length !== 1 || integrity[0].integrity_check !== 'ok') {
        return { ok: false, reason: 'damaged', detail: integrity.slice(0, 3).map((r) => r.integrity_check).join('; ') };
      }
      const orphans = conn.pragma('foreign_key_check') as { table: string }[];
      if (orphans.length) return { ok: false, reason: 'foreignKeys', detail: `${orphans.length} (${orphans[0].table})` };
      const migrations = hasTable(q, 'migrations') ? q('SELECT name FROM migrations ORDER BY id').map((r) => String(r.name)) : [];
      return { ok: true, identity: identityOf(q), migrations };
    } catch (e) {
      return { ok: false, reason: 'damaged', detail: (e as Error).message };
    }
  } catch (e) {
    // Not even a file SQLite can open: treated as damaged.
    return { ok: false, reason: 'damaged', detail: (e as Error).message };
  } finally {
    db?.close();
  }
}
