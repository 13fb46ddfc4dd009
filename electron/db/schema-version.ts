import type { DataSource, MigrationInterface } from 'typeorm';

/** The file was migrated by a newer build than this one: opening it could damage what this build does not know. */
export class DatabaseTooNewError extends Error {
  constructor(readonly unknown: string[]) {
    super(`database has migrations this build does not know: ${unknown.join(', ')}`);
  }
}

/**
 * Refuses, before any write, a database whose migrations table lists a migration missing from `known`
 * (an older app opening a newer app's file). Reads only; a new file (no migrations table) passes.
 */
export async function refuseNewerSchema(source: DataSource, known: (new () => MigrationInterface)[]): Promise<void> {
  const table = await source.query(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`);
  if (table.length === 0) return;
  const names = new Set(known.map((m) => new m().name ?? m.name));
  const applied: { name: string }[] = await source.query('SELECT name FROM migrations ORDER BY timestamp');
  const unknown = applied.map((r) => r.name).filter((n) => !names.has(n));
  if (unknown.length > 0) throw new DatabaseTooNewError(unknown);
}
