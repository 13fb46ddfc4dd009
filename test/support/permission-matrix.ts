import { ROLES, type Role } from '../../shared/domain/enums';
import { roleHas } from '../../shared/domain/permissions';
import { CHANNELS, contract, type Channel } from '../../shared/ipc/contract';

/** Channels every role with their permission may call, that leave the minutes out for roles without `cases.minutes`. */
export const MINUTES_REDACTED: readonly Channel[] = ['cases:file', 'cases:history', 'documents:render', 'documents:savePdf', 'documents:printed'];

export const allowed = (role: Role, c: Channel): boolean => roleHas(role, contract[c].permission);

const cell = (role: Role, c: Channel): string => {
  if (!allowed(role, c)) return '—';
  return MINUTES_REDACTED.includes(c) && !roleHas(role, 'cases.minutes') ? '✓¹' : '✓';
};

/** The channel × role table of docs/permissions.md, made from the contract and ROLE_PERMISSIONS. */
export function matrixTable(): string {
  const head = `| 通道 channel | 权限 permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = [...CHANNELS].sort().map((c) => `| \`${c}\` | \`${contract[c].permission}\` | ${ROLES.map((r) => cell(r, c)).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

export const BEGIN = '<!-- matrix:begin (generated: UPDATE_PERMISSIONS_DOC=1 npx vitest run test/unit/permissions-doc.test.ts) -->';
export const END = '<!-- matrix:end -->';
