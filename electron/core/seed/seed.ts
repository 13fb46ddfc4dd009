import { formatCaseNo } from '../../../shared/domain/case';
import { addDays, shanghaiDate } from '../../../shared/domain/dates';
import type { Database } from '../../db/data-source';
import { countersNow, insertCases, type BulkCase } from '../../db/repositories/bulk-repo';
import { committeeRepo } from '../../db/repositories/committee-repo';
import { peopleRepo } from '../../db/repositories/people-repo';
import { recordAudit } from '../audit/audit';
import type { Clock } from '../context';
import { badState } from '../errors';
import { indexCases } from '../search/indexer';
import { generateCase } from './generate';
import { syntheticName } from './people';
import { Random } from './random';
import { seedSchedule } from './schedule';

export interface SeedOptions {
  cases: number;
  seed?: string;
  /** YYYY-MM, inclusive; by default the twelve months up to this one. */
  from?: string;
  to?: string;
  onProgress?: (done: number, total: number) => void;
}

const monthEnd = (ym: string) => addDays(`${addMonth(ym)}-01`, -1);
function addMonth(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
function monthsBack(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number);
  const t = y * 12 + (m - 1) - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

/** Registration dates spread over the period, in order, so numbers follow registration. */
function* spreadDates(r: Random, n: number, from: string, to: string): Generator<string> {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  // Each day's count, drawn at once: memory grows with the days, not the cases.
  const counts = new Array<number>(days.length).fill(0);
  for (let i = 0; i < n; i++) counts[Math.floor(r.next() * days.length)]++;
  for (let i = 0; i < days.length; i++) for (let k = 0; k < counts[i]; k++) yield days[i];
}

/**
 * Fills the database with realistic synthetic cases (DOMAIN.md lifecycle), the same for the
 * same seed, period and day. One transaction: a failed seed leaves nothing behind.
 */
export async function seedCases(db: Database, opts: SeedOptions, clock: Clock): Promise<{ inserted: number; from: string; to: string; meetings: number }> {
  const today = shanghaiDate(clock());
  const to = opts.to ?? today.slice(0, 7);
  const from = opts.from ?? monthsBack(to, 11);
  const periodStart = `${from}-01`;
  const periodEnd = monthEnd(to) < today ? monthEnd(to) : today;
  if (periodStart > periodEnd) throw badState('起始月份应早于结束月份，且不晚于本月');
  const r = new Random(opts.seed ?? '1');

  const committee = await committeeRepo.get(db.manager);
  if (!committee) throw badState('调解委员会尚未设置，无法生成示例数据');
  // Its own stream, so the cases are the same whether or not mediators already existed.
  const mediators = await ensureMediators(db, new Random(`${opts.seed ?? '1'}:people`), clock);
  const counters = countersNow(db);
  const total = opts.cases;

  function* cases(): Generator<BulkCase> {
    let done = 0;
    for (const registeredOn of spreadDates(r, total, periodStart, periodEnd)) {
      const { parties, agreement, followups, related, ...fields } = generateCase(r, registeredOn, periodEnd, mediators);
      const year = Number(registeredOn.slice(0, 4));
      const seq = (counters.get(year) ?? 0) + 1;
      counters.set(year, seq);
      yield { row: { ...fields, case_no: formatCaseNo(year, committee!.short_name, seq), case_year: year, case_seq: seq }, parties, agreement, followups, related };
      if (++done % 1000 === 0 || done === total) opts.onProgress?.(done, total);
    }
  }
  const inserted = insertCases(db, cases(), counters);
  await indexCases(db, { mode: 'missing' }); // Pinyin needs JS: indexed after the bulk insert, in batches.
  // The calendar around today: venues, hours and meetings for the open cases (its own stream, like the people).
  const meetings = seedSchedule(db, new Random(`${opts.seed ?? '1'}:schedule`), clock, mediators);
  await db.transaction((tx) => recordAudit(tx, { at: clock(), userId: null, action: 'seed', after: { inserted, from, to, seed: opts.seed ?? '1', meetings } }));
  return { inserted, from, to, meetings };
}

/** Six mediators at least, full- and part-time, so cases have someone to lead them. */
async function ensureMediators(db: Database, r: Random, clock: Clock): Promise<{ id: number; name: string }[]> {
  const existing = await peopleRepo.mediators(db.manager);
  const at = clock().toISOString();
  while (existing.length < 6) {
    const sex = r.chance(0.5) ? 'male' : 'female';
    const name = syntheticName(r, sex, false);
    existing.push({ name, id: await peopleRepo.insert(db.manager, {
      name, sex, phone: null, professions: JSON.stringify(['mediator']),
      employment: existing.length < 2 ? 'full_time' : 'part_time', active: 1, created_at: at,
    }) });
  }
  return existing;
}
