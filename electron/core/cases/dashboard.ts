import { addDays, shanghaiDate } from '../../../shared/domain/dates';
import { JC_DAYS } from '../../../shared/domain/lifecycle';
import type { Database } from '../../db/data-source';
import type { Actor, Clock } from '../context';

export interface TodoItem {
  id: number;
  caseNo: string;
  applicants: string;
  leadMediator: string | null;
  date: string;
  mine: boolean;
}

export interface Todo {
  today: string;
  overdue: TodoItem[];
  dueThisWeek: TodoItem[];
  followupsDue: TodoItem[];
  jcDeadlines: TodoItem[];
}

/** Sunday of the week that holds `day` (weeks start on Monday). */
export const endOfWeek = (day: string): string => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, weekday === 0 ? 0 : 7 - weekday);
};

// One shape for every list: the signed-in mediator's cases first, then by date.
const SELECT = `SELECT c.id, c.case_no AS caseNo, c.applicant_names AS applicants, p.name AS leadMediator, {date} AS date,
  (c.lead_mediator_id IS ? AND c.lead_mediator_id IS NOT NULL) AS mine FROM cases c LEFT JOIN persons p ON p.id = c.lead_mediator_id`;
const ORDER = `ORDER BY mine DESC, date, c.id LIMIT 100`;

/** 工作台: what needs doing, for the signed-in person first. */
export function todo(db: Database, actor: Actor, clock: Clock): Todo {
  const today = shanghaiDate(clock());
  const me = actor.personId;
  const list = (date: string, where: string, params: unknown[]) =>
    db.read<Omit<TodoItem, 'mine'> & { mine: number }>(`${SELECT.replace('{date}', date)} ${where} ${ORDER}`, [me, ...params])
      .map((r) => ({ ...r, mine: r.mine === 1 }));
  const due = `coalesce(c.extended_due_on, c.due_on)`;
  return {
    today,
    overdue: list(due, `WHERE c.status IN ('accepted', 'in_mediation') AND ${due} < ?`, [today]),
    dueThisWeek: list(due, `WHERE c.status IN ('accepted', 'in_mediation') AND ${due} BETWEEN ? AND ?`, [today, endOfWeek(today)]),
    // A follow-up is due a week after the agreement took effect, until someone visits.
    followupsDue: list(`date(c.concluded_on, '+7 days')`,
      `WHERE c.status = 'agreed' AND c.concluded_on <= ? AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.case_id = c.id)`, [addDays(today, -7)]),
    // Written agreements whose 30 days for judicial confirmation end within the coming week.
    jcDeadlines: list(`date(c.concluded_on, '+${JC_DAYS} days')`,
      `WHERE c.status IN ('agreed', 'closed') AND c.agreement_form = 'written' AND c.jc_status = 'none' AND c.concluded_on BETWEEN ? AND ?`,
      [addDays(today, -JC_DAYS), addDays(today, 7 - JC_DAYS)]),
  };
}
