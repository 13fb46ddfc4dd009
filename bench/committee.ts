import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCaseNo } from '../shared/domain/case';
import { addDays } from '../shared/domain/dates';
import { AppCore } from '../electron/core/app/app-core';
import { generateCase } from '../electron/core/seed/generate';
import { Random } from '../electron/core/seed/random';
import type { Database } from '../electron/db/data-source';
import type { BulkCase } from '../electron/db/repositories/bulk-repo';
import { lifecycleRepo } from '../electron/db/repositories/lifecycle-repo';

// The synthetic committee the statistics, XLSX and export benches measure on.

export const LAST_DAY = '2026-05-31';
export const AS_OF = new Date('2026-06-15T02:00:00Z');
const MEDIATORS = ['张伟', '李娜', '王芳', '刘洋', '陈静', '杨帆', '赵敏', '黄磊'];

/** A new committee database in a temp folder, its clock at AS_OF. */
export async function benchCommittee(prefix: string): Promise<{ dir: string; core: AppCore; db: Database }> {
  const dir = mkdtempSync(join(tmpdir(), `tiaojie-bench-${prefix}-`));
  const core = new AppCore(join(dir, 'tiaojie.db'), { clock: () => AS_OF });
  await core.setup({ passphrase: 'bench passphrase 2026', committee: { name: '白沙社区人民调解委员会', code: '330383-001' } });
  return { dir, core, db: core.db };
}

/** Eight mediators, the first three full-time. */
export const addMediators = (db: Database): Promise<{ id: number; name: string }[]> =>
  db.transaction(async (tx) => {
    const out: { id: number; name: string }[] = [];
    for (const [i, name] of MEDIATORS.entries()) {
      out.push({ name, id: await lifecycleRepo.insert(tx, 'persons', {
        name, professions: '["mediator"]', employment: i < 3 ? 'full_time' : 'part_time', active: 1, created_at: '2016-01-01T00:00:00.000Z',
      }) });
    }
    return out;
  });

export interface CaseStream {
  cases: number;
  /** Registered evenly over this many days up to LAST_DAY. */
  days: number;
  seed: string;
  mediators: { id: number; name: string }[];
  /** With parties, agreement, follow-ups and records; else the case row alone (no figure reads the rest). */
  whole?: boolean;
  onCase?: (i: number) => void;
}

/** Generated cases numbered per year; `counters` ends with each year's last number, for insertCases. */
export function* benchCases(s: CaseStream, counters: Map<number, number>): Generator<BulkCase> {
  const days: string[] = [];
  for (let d = addDays(LAST_DAY, -(s.days - 1)); d <= LAST_DAY; d = addDays(d, 1)) days.push(d);
  const r = new Random(s.seed);
  for (let i = 0; i < s.cases; i++) {
    const registeredOn = days[Math.floor((i * days.length) / s.cases)];
    const { parties, agreement, followups, related, ...fields } = generateCase(r, registeredOn, LAST_DAY, s.mediators);
    const year = Number(registeredOn.slice(0, 4));
    const seq = (counters.get(year) ?? 0) + 1;
    counters.set(year, seq);
    const row = { ...fields, case_no: formatCaseNo(year, '白沙', seq), case_year: year, case_seq: seq };
    yield s.whole ? { row, parties, agreement, followups, related } : { row, parties: [], agreement: null, followups: [] };
    s.onCase?.(i);
  }
}
