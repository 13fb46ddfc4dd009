import { CATEGORIES, CHANNEL_BUCKETS, type Category, type ChannelBucket } from '../../../shared/domain/enums';
import { compareCodePoints, figureLabel, PREVENTED_KINDS, type StatisticsReport } from '../../../shared/domain/statistics';
import { AppFailure } from '../errors';
import { rate } from './rounding';

/** A report that does not add up: it names the figure, so nobody sends it. */
export class StatisticsCheckError extends AppFailure {
  constructor(readonly figure: string, problem: string) {
    super('BAD_STATE', 'errors.statistics.check',
      `统计自检未通过：「${figureLabel(figure) ?? figure}」（${figure}）${problem}。此报表不能报送，请联系管理员核查案件数据`);
  }
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

/** Every leaf that is a count must be a whole number ≥ 0; rates and the amount are numbers or null. */
function checkLeaves(node: unknown, path: string): void {
  if (node === null || typeof node === 'string') return;
  if (Array.isArray(node)) {
    node.forEach((m: { id: number; accepted: number; success: number }) => {
      for (const f of ['accepted', 'success'] as const) checkLeaves(m[f], `by_mediator.${m.id}.${f}`);
    });
    return;
  }
  if (typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (path === '' && (k === 'period' || k === 'committee' || k === 'as_of')) continue;
      checkLeaves(v, path ? `${path}.${k}` : k);
    }
    return;
  }
  if (typeof node !== 'number' || !Number.isFinite(node)) throw new StatisticsCheckError(path, `不是一个数（${String(node)}）`);
  const isRate = path === 'success_rate' || path === 'satisfaction.rate';
  if (isRate ? node < 0 || node > 1 : path === 'agreement_amount_wan' ? node < 0 : !Number.isSafeInteger(node) || node < 0) {
    throw new StatisticsCheckError(path, `的值${node}不合理`);
  }
}

/**
 * The report checks itself (STATISTICS.md): the splits add up to their totals, the outcomes to the concluded, the
 * agreement forms to the successes; and what is true by definition holds (a part is never larger than its whole,
 * a rate follows from its counts, by_mediator is in code-point order). Throws StatisticsCheckError on the first
 * figure that fails.
 */
export function checkReport(r: StatisticsReport): void {
  checkLeaves(r, '');
  const equal = (figure: string, got: number, want: number, what: string) => {
    if (got !== want) throw new StatisticsCheckError(figure, `${what}为${got}，应为${want}`);
  };
  const atMost = (figure: string, part: number, whole: number, wholeKey: string) => {
    if (part > whole) throw new StatisticsCheckError(figure, `为${part}，多于「${figureLabel(wholeKey)}」（${wholeKey}）${whole}`);
  };
  const splitOk = <K extends string>(figure: string, split: Record<K, number>, keys: readonly K[], total: number, totalKey: string) => {
    const got = Object.keys(split).sort().join();
    if (got !== [...keys].sort().join()) throw new StatisticsCheckError(figure, '的分项不全或多出分项');
    equal(figure, sum(split), total, `各项之和（应等于「${figureLabel(totalKey)}」）`);
  };
  splitOk<Category>('accepted_by_category', r.accepted_by_category, CATEGORIES, r.accepted, 'accepted');
  splitOk<ChannelBucket>('accepted_by_bucket', r.accepted_by_bucket, CHANNEL_BUCKETS, r.accepted, 'accepted');
  splitOk<Category>('success_by_category', r.success_by_category, CATEGORIES, r.success, 'success');
  equal('concluded', r.success + r.failed + r.withdrawn, r.concluded, '调解成功、不成功、撤回终止之和');
  equal('written_agreements', r.written_agreements + r.oral_agreements, r.success, '书面与口头协议数之和（应等于调解成功数）');
  equal('success_rate', r.success_rate ?? -1, rate(r.success, r.success + r.failed) ?? -1, '由调解成功数与不成功数算得的成功率');

  const s = r.satisfaction;
  equal('satisfaction.recorded', s.satisfied + s.fairly_satisfied + s.dissatisfied, s.recorded, '满意、基本满意、不满意之和');
  equal('satisfaction.rate', s.rate ?? -1, rate(s.satisfied + s.fairly_satisfied, s.recorded) ?? -1, '由回访记录算得的满意率');
  atMost('satisfaction.recorded', s.recorded, r.concluded, 'concluded');

  atMost('rejected', r.rejected, r.registered, 'registered');
  atMost('overdue_at_end', r.overdue_at_end, r.pending_at_end, 'pending_at_end');
  atMost('performed', r.performed, r.success, 'success');
  atMost('jc_applied', r.jc_applied, r.success, 'success');
  atMost('jc_confirmed', r.jc_confirmed, r.jc_applied, 'jc_applied');
  if (r.success === 0 && r.agreement_amount_wan !== 0) throw new StatisticsCheckError('agreement_amount_wan', '在没有调解成功案件时不为0');
  for (const k of PREVENTED_KINDS) {
    atMost(`prevented.${k}.cases`, r.prevented[k].cases, r.concluded, 'concluded');
    if (r.prevented[k].cases === 0 && r.prevented[k].persons !== 0) throw new StatisticsCheckError(`prevented.${k}.persons`, '在没有案件时不为0');
  }

  atMost('by_mediator', sum(Object.fromEntries(r.by_mediator.map((m) => [m.id, m.accepted]))), r.accepted, 'accepted');
  atMost('by_mediator', sum(Object.fromEntries(r.by_mediator.map((m) => [m.id, m.success]))), r.success, 'success');
  for (let i = 1; i < r.by_mediator.length; i++) {
    const [a, b] = [r.by_mediator[i - 1], r.by_mediator[i]];
    const order = compareCodePoints(a.name, b.name) || a.id - b.id;
    if (order >= 0) throw new StatisticsCheckError('by_mediator', `未按姓名的码位顺序排列（${a.name}、${b.name}）`);
  }

  const t = r.team;
  equal('team.mediators', t.by_profession.mediator, t.mediators, '「按职业·人民调解员」');
  atMost('team.mediators', t.mediators, t.people, 'team.people');
  atMost('team.full_time', t.full_time + t.part_time, t.mediators, 'team.mediators');
}
