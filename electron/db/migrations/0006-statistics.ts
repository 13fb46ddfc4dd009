import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics (issue 5, STATISTICS.md): the sweep log, frozen report snapshots, the dates a person joined and
 * left the committee (the team is counted at the end of a period), and covering indexes for the figures.
 */
export class Statistics1764633600000 implements MigrationInterface {
  name = 'Statistics1764633600000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      // 排查: a committee's proactive check of its area (DOMAIN.md, Sweep).
      `CREATE TABLE sweeps (
        id INTEGER PRIMARY KEY AUTOINCREMENT, swept_on TEXT NOT NULL, scope TEXT NOT NULL,
        found INTEGER NOT NULL CHECK (found >= 0), prevented INTEGER NOT NULL CHECK (prevented >= 0), note TEXT,
        created_by INTEGER REFERENCES users(id), created_at TEXT NOT NULL)`,
      `CREATE INDEX sweeps_date ON sweeps (swept_on, found, prevented)`,
      // A report as sent or exported: what was sent can always be shown again exactly, so it is never changed.
      `CREATE TABLE report_snapshots (
        id INTEGER PRIMARY KEY AUTOINCREMENT, period_from TEXT NOT NULL, period_to TEXT NOT NULL, as_of TEXT NOT NULL,
        figures TEXT NOT NULL, sha256 TEXT NOT NULL, reason TEXT NOT NULL CHECK (reason IN ('sent','exported')),
        created_by INTEGER REFERENCES users(id), created_at TEXT NOT NULL)`,
      `CREATE INDEX report_snapshots_period ON report_snapshots (period_from, period_to, id)`,
      `CREATE TRIGGER report_snapshots_no_update BEFORE UPDATE ON report_snapshots
        BEGIN SELECT RAISE(ABORT, 'report snapshots are frozen'); END`,
      `CREATE TRIGGER report_snapshots_no_delete BEFORE DELETE ON report_snapshots
        BEGIN SELECT RAISE(ABORT, 'report snapshots are frozen'); END`,
      // Active at the end of a period: joined by then (created_at's day when not given) and not yet left.
      `ALTER TABLE persons ADD COLUMN joined_on TEXT`,
      `ALTER TABLE persons ADD COLUMN left_on TEXT`,
      // Each index covers every column its figures read, so a report reads indexes only (a month of
      // 1,000,000 cases in well under 300 ms). Intake figures by registered_on and accepted_on:
      `CREATE INDEX cases_stats_registered ON cases (registered_on, status)`,
      `CREATE INDEX cases_stats_accepted ON cases (accepted_on, channel, category, persons_involved, lead_mediator_id)
        WHERE accepted_on IS NOT NULL`,
      // Outcome figures by concluded_on; the same index answers "concluded after the end" for pending_at_end.
      `CREATE INDEX cases_stats_concluded ON cases (concluded_on, outcome, category, agreement_form, agreement_amount_fen,
        performance, jc_status, satisfaction, prevented_criminal, prevented_criminal_persons, prevented_suicide,
        prevented_suicide_persons, prevented_group_petition, prevented_group_petition_persons, prevented_group_fight,
        prevented_group_fight_persons, lead_mediator_id, accepted_on, status, extended_due_on)
        WHERE concluded_on IS NOT NULL`,
      // Cases still open (few): pending_at_end and overdue_at_end. concluded_on is always NULL here, but SQLite
      // only counts the index as covering when it holds every column the query names.
      `CREATE INDEX cases_stats_open ON cases (accepted_on, status, extended_due_on, concluded_on) WHERE concluded_on IS NULL`,
      // The longest mediation on record, read in one seek: a case open at the end of a period was concluded no later
      // than that many days after it, which bounds "concluded after the end" for reports of past periods.
      `CREATE INDEX cases_stats_duration ON cases (julianday(concluded_on) - julianday(accepted_on))
        WHERE concluded_on IS NOT NULL AND accepted_on IS NOT NULL`,
    ]) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const i of ['cases_stats_duration', 'cases_stats_open', 'cases_stats_concluded', 'cases_stats_accepted', 'cases_stats_registered']) await q.query(`DROP INDEX ${i}`);
    for (const c of ['left_on', 'joined_on']) await q.query(`ALTER TABLE persons DROP COLUMN ${c}`);
    for (const t of ['report_snapshots', 'sweeps']) await q.query(`DROP TABLE ${t}`);
  }
}
