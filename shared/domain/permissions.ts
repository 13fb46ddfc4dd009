import type { Role } from './enums';

/**
 * What a channel needs. `public` works before sign-in (status, set-up, unlock, sign-in).
 * `schedule.write`: venues, availability and meetings, which legal-aid volunteers arrange (DOMAIN.md).
 * `stats.write`: the sweep log and freezing a report as sent or exported: office staff's work (DOMAIN.md, Users),
 * which does not let them change cases; reading the figures needs only `cases.read`.
 * `office`: the city office's work in an office database (EXCHANGE.md): import packages, read the city's figures.
 */
export const PERMISSIONS = ['public', 'signed_in', 'cases.read', 'cases.write', 'schedule.write', 'stats.write', 'office', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one matrix the dispatcher enforces; the UI only mirrors it. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  mediator: ['signed_in', 'cases.read', 'cases.write', 'schedule.write'],
  volunteer: ['signed_in', 'cases.read', 'schedule.write'],
  office_staff: ['signed_in', 'cases.read', 'stats.write', 'office'],
  admin: ['signed_in', 'cases.read', 'cases.write', 'schedule.write', 'stats.write', 'office', 'admin'],
};

export const roleHas = (role: Role, p: Permission): boolean =>
  p === 'public' || ROLE_PERMISSIONS[role].includes(p);
