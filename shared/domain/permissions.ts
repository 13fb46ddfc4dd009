import type { Role } from './enums';

/** What a channel needs. `public` works before sign-in (status, set-up, unlock, sign-in). */
export const PERMISSIONS = ['public', 'signed_in', 'cases.read', 'cases.write', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one matrix the dispatcher enforces; the UI only mirrors it. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  mediator: ['signed_in', 'cases.read', 'cases.write'],
  volunteer: ['signed_in', 'cases.read'],
  office_staff: ['signed_in', 'cases.read'],
  admin: ['signed_in', 'cases.read', 'cases.write', 'admin'],
};

export const roleHas = (role: Role, p: Permission): boolean =>
  p === 'public' || ROLE_PERMISSIONS[role].includes(p);
