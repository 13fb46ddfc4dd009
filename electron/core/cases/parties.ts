import { type PartyInputSchema } from '../../../shared/domain/case';
import { checkIdDocument, checkPhone, checkResidentId } from '../../../shared/domain/identity';
import type { Issue } from '../../../shared/ipc/result';
import type { PartyRow } from '../../db/entities';
import type { z } from 'zod';

type PartyIn = z.output<typeof PartyInputSchema>;
export type PartyFields = Omit<PartyRow, 'id' | 'case_id' | 'position' | 'created_at'>;

const ROLE_ZH = { applicant: '申请人', respondent: '被申请人', third_party: '第三人' } as const;

/** Checks one party's document and phone; the resident ID fills in sex and birth date. */
export function checkParty(p: PartyIn, index: number, today: string): { row?: PartyFields; issues: Issue[] } {
  const issues: Issue[] = [];
  const where = `第${index + 1}位当事人（${ROLE_ZH[p.role]}${p.name ? ` ${p.name}` : ''}）`;
  const add = (field: string, key: string, message: string, params?: Issue['params']) =>
    issues.push({ path: `parties.${index}.${field}`, key, message: `${where}：${message}`, params });

  const doc = checkIdDocument(p.idType, p.idNumber, today);
  if (!doc.ok) add('idNumber', doc.problem.key, doc.problem.message, doc.problem.params);
  let phone: string | null = null;
  if (p.phone) {
    const ph = checkPhone(p.phone);
    if (ph.ok) phone = ph.value;
    else add('phone', ph.problem.key, ph.problem.message);
  }
  if (issues.length) return { issues };

  let sex = p.sex ?? null;
  let birthDate = p.birthDate ?? null;
  if (p.idType === 'resident_id' && doc.ok && doc.value) {
    const facts = checkResidentId(doc.value);
    if (facts.ok) {
      // The number is authoritative: a form that disagrees is a typing slip, not a fact.
      sex = facts.value.sex;
      birthDate = facts.value.birthDate;
    }
  }
  const opt = (s: string | undefined) => (s && s.length ? s : null);
  return {
    issues,
    row: {
      role: p.role, kind: p.kind, name: p.name, sex, ethnicity: opt(p.ethnicity), birth_date: birthDate,
      id_type: p.idType, id_number: doc.ok ? doc.value : null, phone, address: opt(p.address),
      occupation: opt(p.occupation), credit_code: opt(p.creditCode), representative: opt(p.representative),
      representative_title: opt(p.representativeTitle),
    },
  };
}
