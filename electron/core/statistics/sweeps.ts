import type { z } from 'zod';
import { shanghaiDate } from '../../../shared/domain/dates';
import type { Sweep, SweepInputSchema } from '../../../shared/domain/statistics';
import type { Database } from '../../db/data-source';
import { statisticsRepo, type SweepRow } from '../../db/repositories/statistics-repo';
import { recordAudit } from '../audit/audit';
import type { Actor, Clock } from '../context';
import { invalid, notFound } from '../errors';
import { checkPeriod } from './periods';

/**
 * The sweep log (排查, STATISTICS.md "Committee activity"): date, scope, disputes found and prevented. The report's
 * sweeps, sweep_found and prevented_disputes sum the sweeps dated in its period. Every change is audited.
 */

const toSweep = (r: SweepRow & { created_by_name: string | null }): Sweep => ({
  id: r.id, sweptOn: r.swept_on, scope: r.scope, found: r.found, prevented: r.prevented, note: r.note,
  createdBy: r.created_by_name, createdAt: r.created_at,
});

const facts = (r: Pick<SweepRow, 'swept_on' | 'scope' | 'found' | 'prevented'>) =>
  ({ sweptOn: r.swept_on, scope: r.scope, found: r.found, prevented: r.prevented });

export function addSweep(db: Database, actor: Actor, clock: Clock, i: z.output<typeof SweepInputSchema>): Promise<{ id: number }> {
  const now = clock();
  if (i.sweptOn > shanghaiDate(now)) throw invalid([{ path: 'sweptOn', key: 'validation.date.future', message: '排查日期不能晚于今天' }]);
  return db.transaction(async (tx) => {
    const row = {
      swept_on: i.sweptOn, scope: i.scope, found: i.found, prevented: i.prevented, note: i.note || null,
      created_by: actor.userId, created_at: now.toISOString(),
    };
    const id = await statisticsRepo.insertSweep(tx, row);
    await recordAudit(tx, { at: now, userId: actor.userId, action: 'sweep.add', entity: 'sweep', entityId: id, after: facts(row) });
    return { id };
  });
}

/** Sweeps dated in the range (all of them without one), latest first. */
export async function listSweeps(db: Database, range: { from?: string; to?: string } = {}): Promise<Sweep[]> {
  const p = range.from === undefined && range.to === undefined
    ? { from: '1900-01-01', to: '9999-12-31' }
    : checkPeriod({ from: range.from ?? '1900-01-01', to: range.to ?? '9999-12-31' });
  return (await statisticsRepo.sweeps(db.manager, p.from, p.to)).map(toSweep);
}

/** A sweep logged by mistake; the audit keeps what it said. Reports already frozen keep their figures. */
export function removeSweep(db: Database, actor: Actor, clock: Clock, id: number): Promise<void> {
  return db.transaction(async (tx) => {
    const before = await statisticsRepo.sweep(tx, id);
    if (!before) throw notFound('该排查记录');
    await statisticsRepo.deleteSweep(tx, id);
    await recordAudit(tx, { at: clock(), userId: actor.userId, action: 'sweep.remove', entity: 'sweep', entityId: id, before: facts(before) });
  });
}
