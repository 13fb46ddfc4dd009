import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/domain/enums';
import { PERMISSIONS, ROLE_PERMISSIONS, roleHas } from '../../shared/domain/permissions';
import { BEGIN, END, matrixTable } from '../support/permission-matrix';

const DOC = join(__dirname, '../../docs/permissions.md');

describe('docs/permissions.md', () => {
  it('has the channel × role table the code enforces', () => {
    const text = readFileSync(DOC, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    expect(start, 'the table markers in docs/permissions.md').toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const table = matrixTable();
    if (process.env.UPDATE_PERMISSIONS_DOC) {
      writeFileSync(DOC, `${text.slice(0, start + BEGIN.length)}\n${table}\n${text.slice(end)}`);
      return;
    }
    // A new or changed channel: regenerate with UPDATE_PERMISSIONS_DOC=1 and read the diff.
    expect(text.slice(start + BEGIN.length, end).trim()).toBe(table);
  });

  it('states each role’s permissions as ROLE_PERMISSIONS does', () => {
    const text = readFileSync(DOC, 'utf8');
    for (const role of ROLES) {
      const line = text.split('\n').find((l) => l.startsWith(`| ${role} |`));
      expect(line, `the roles table's row for ${role}`).toBeDefined();
      const listed = PERMISSIONS.filter((p) => p !== 'public' && line!.includes(`\`${p}\``));
      expect(listed).toEqual(ROLE_PERMISSIONS[role]);
    }
  });
});

describe('the matrix', () => {
  it('gives minutes to whoever writes cases (writing a record needs cases.write)', () => {
    for (const role of ROLES) if (roleHas(role, 'cases.write')) expect(roleHas(role, 'cases.minutes')).toBe(true);
  });

  it('keeps minutes from volunteers and office staff, admin work to admins', () => {
    expect(roleHas('volunteer', 'cases.minutes')).toBe(false);
    expect(roleHas('office_staff', 'cases.minutes')).toBe(false);
    expect(roleHas('volunteer', 'cases.read')).toBe(true);
    expect(roleHas('office_staff', 'stats.read')).toBe(true);
    for (const role of ROLES) expect(roleHas(role, 'admin')).toBe(role === 'admin');
  });
});
