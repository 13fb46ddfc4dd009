// A child process for test/integration/crash-safety.test.ts: opens a real encrypted database and, from inside an
// open transaction, tells the parent "now" (which then SIGKILLs it, or lets it finish).
import { existsSync } from 'node:fs';
import { AppCore } from '../../electron/core/app/app-core';
import { acceptCase } from '../../electron/core/cases/lifecycle';
import { generateCase } from '../../electron/core/seed/generate';
import { Random } from '../../electron/core/seed/random';
import { committeeRepo } from '../../electron/db/repositories/committee-repo';
import { peopleRepo } from '../../electron/db/repositories/people-repo';
import { countersNow, insertCases, type BulkCase } from '../../electron/db/repositories/bulk-repo';
import { rawHandle } from '../../electron/db/data-source';
import { formatCaseNo } from '../../shared/domain/case';
import { shanghaiDate } from '../../shared/domain/dates';

const [mode, dbPath] = process.argv.slice(2);
const env = process.env;
const signal = (what: string, extra: Record<string, unknown> = {}) => process.send!({ what, ...extra });
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const core = new AppCore(dbPath);
await core.unlock(env.CRASH_PASSPHRASE!);
const db = core.db;

if (mode === 'import') {
  const total = Number(env.CRASH_ROWS);
  const signalAt = Number(env.CRASH_SIGNAL_AT);
  const committee = (await committeeRepo.get(db.manager))!;
  const mediators = await peopleRepo.mediators(db.manager);
  const counters = countersNow(db);
  const today = shanghaiDate();
  const r = new Random('crash');
  // A small page cache, so uncommitted pages spill into the WAL before the kill: the harder case for recovery.
  (rawHandle(db) as unknown as { pragma(s: string): unknown }).pragma('cache_size = 64');
  function* cases(): Generator<BulkCase> {
    for (let i = 0; i < total; i++) {
      const { parties, agreement, followups, related, ...fields } = generateCase(r, today, today, mediators);
      const year = Number(today.slice(0, 4));
      const seq = (counters.get(year) ?? 0) + 1;
      counters.set(year, seq);
      yield { row: { ...fields, case_no: formatCaseNo(year, committee.short_name, seq), case_year: year, case_seq: seq }, parties, agreement, followups, related };
      // Consumed inside insertCases' transaction: k rows are written and not yet committed.
      if (i + 1 === signalAt) signal('inside', { rows: signalAt });
      // Then it keeps going, slowly enough that the parent's kill lands before the commit.
      if (i + 1 >= signalAt) sleep(2);
    }
  }
  const inserted = insertCases(db, cases(), counters);
  signal('done', { inserted });
} else if (mode === 'update') {
  const caseId = Number(env.CRASH_CASE_ID);
  const goFile = env.CRASH_GO_FILE!;
  // A function SQLite calls from temporary triggers (this connection only, nothing written to the file). It signals
  // at the second write: the first write's statement has completed, the transaction is still open. It then waits.
  const raw = rawHandle(db) as unknown as { function(name: string, fn: () => number): void; exec(sql: string): void };
  let writes = 0;
  raw.function('crash_signal', () => {
    if (++writes !== 2) return 0;
    signal('inside');
    const until = Date.now() + 30_000;
    while (!existsSync(goFile)) {
      if (Date.now() > until) throw new Error('the parent never answered');
      sleep(5);
    }
    return 0;
  });
  for (const [table, op] of [['cases', 'UPDATE'], ['case_members', 'INSERT'], ['audit_events', 'INSERT']]) {
    raw.exec(`CREATE TEMP TRIGGER crash_${table}_${op} AFTER ${op} ON main.${table} BEGIN SELECT crash_signal(); END`);
  }
  const admin = { userId: Number(env.CRASH_USER_ID), personId: null, role: 'admin' as const, displayName: '管理员' };
  await acceptCase(db, admin, () => new Date(), { caseId, acceptedOn: shanghaiDate(), leadMediatorId: Number(env.CRASH_MEDIATOR_ID) });
  signal('done');
}
await core.close();
process.disconnect?.();
