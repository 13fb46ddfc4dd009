import type { Role } from './enums';

/**
 * What a channel needs. `public` works before sign-in (status, set-up, unlock, sign-in).
 * `schedule.write`: venues, availability and meetings, which legal-aid volunteers arrange (DOMAIN.md).
 * `stats.write`: the sweep log and freezing a report as sent or exported: office staff's work (DOMAIN.md, Users),
 * which does not let them change cases; reading the figures needs only `cases.read`.
 * `office`: the city office's work in an office database (EXCHANGE.md): import packages, read the city's figures.
 * `cases.minutes`: the content of investigation and mediation records (调查记录, 调解记录), where counsellors' and
 * mediators' notes are written. `cases.read` is the case, its parties and contact details and its schedule: volunteers
 * arrange meetings with it but never read minutes; channels that return a case's whole file leave records out without it.
 * `stats.read`: the committee's figures (mediators, office staff, admins; not volunteers). Export packages and the ledger
 * import stay `stats.write` (office staff and admins); keys, users, backups and settings are `admin`.
 * docs/permissions.md is the matrix per channel, checked against this by test/unit/permissions-doc.test.ts.
 */
export const PERMISSIONS = [
  'public', 'signed_in', 'cases.read', 'cases.minutes', 'cases.write', 'schedule.write', 'stats.read', 'stats.write', 'office', 'admin',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one matrix the dispatcher enforces; the UI only mirrors it. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  mediator: ['signed_in', 'cases.read', 'cases.minutes', 'cases.write', 'schedule.write', 'stats.read'],
  volunteer: ['signed_in', 'cases.read', 'schedule.write'],
  office_staff: ['signed_in', 'cases.read', 'stats.read', 'stats.write', 'office'],
  admin: ['signed_in', 'cases.read', 'cases.minutes', 'cases.write', 'schedule.write', 'stats.read', 'stats.write', 'office', 'admin'],
};

export const roleHas = (role: Role, p: Permission): boolean =>
  p === 'public' || ROLE_PERMISSIONS[role].includes(p);
