import type { CaseStatus } from '../../shared/domain/enums';

export const LIFECYCLE_STEPS = ['registered', 'accepted', 'mediation', 'concluded', 'closed', 'archived'] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

/** Where a status sits on 登记 → 受理 → 调解 → 调结 → 结案 → 归档 (DOMAIN.md, Lifecycle). */
export function lifecyclePosition(status: CaseStatus): { current: number; state: 'process' | 'finish' | 'error' } {
  switch (status) {
    case 'registered': return { current: 0, state: 'process' };
    // 不予受理 stops at the acceptance step.
    case 'rejected': return { current: 1, state: 'error' };
    case 'accepted': return { current: 1, state: 'process' };
    case 'in_mediation': return { current: 2, state: 'process' };
    case 'agreed':
    case 'failed':
    case 'withdrawn': return { current: 3, state: 'process' };
    case 'closed': return { current: 4, state: 'process' };
    case 'archived': return { current: 5, state: 'finish' };
  }
}

/** 330327199001011234 → 3303**********1234; short numbers keep their first and last character. */
export function maskIdNumber(n: string): string {
  if (n.length > 8) return `${n.slice(0, 4)}${'*'.repeat(n.length - 8)}${n.slice(-4)}`;
  if (n.length > 2) return `${n[0]}${'*'.repeat(n.length - 2)}${n.slice(-1)}`;
  return '*'.repeat(n.length);
}
