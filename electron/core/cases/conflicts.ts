import { pinyin } from 'pinyin-pro';
import { lifecycleRepo } from '../../db/repositories/lifecycle-repo';
import type { Tx } from '../../db/repositories/tx';

/** One reason a person may have an interest in a case (回避), with its evidence. */
export interface ConflictHit {
  kind: 'same_person' | 'relation' | 'former_party' | 'surname_address' | 'same_name' | 'pinyin_name';
  party: string;
  evidence: string;
}

export interface Candidate {
  name: string;
  idNumber: string | null;
  address: string | null;
  relations: { kind: string; otherName: string; otherIdNumber: string | null }[];
}

export interface PartyFacts {
  name: string;
  idNumber: string | null;
  address: string | null;
}

const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '轩辕', '令狐', '钟离', '南宫', '西门', '独孤', '端木'];
const RELATION_ZH: Record<string, string> = { kin: '亲属', neighbour: '邻居', work_unit: '同一单位', other: '其他关系' };

/** The surname of a Han name; names with · (买买提·艾力) have none to compare. */
export function surnameOf(name: string): string | null {
  const n = name.trim();
  if (n.includes('·') || n.length < 2) return null;
  return COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > s.length) ?? n[0];
}

/** Toneless pinyin, letters only: 陈静 and 陈晶 both read chenjing. */
export const namePinyin = (name: string): string =>
  pinyin(name.replace(/[·\s]/g, ''), { toneType: 'none', type: 'array', nonZh: 'consecutive', surname: 'head' }).join('').toLowerCase();

const normaliseAddress = (a: string | null) => (a ?? '').replace(/[\s,，。·\-－]/g, '');

/** Compares a person joining a case with its parties (pure: the caller gathers the facts). */
export function findConflicts(person: Candidate, parties: PartyFacts[], formerParties: { caseNo: string; name: string }[]): ConflictHit[] {
  const hits: ConflictHit[] = [];
  const pinyinOfPerson = namePinyin(person.name);
  for (const p of parties) {
    if (person.idNumber && p.idNumber && person.idNumber === p.idNumber) {
      hits.push({ kind: 'same_person', party: p.name, evidence: `证件号码相同（${mask(p.idNumber)}）` });
      continue;
    }
    for (const r of person.relations) {
      const byId = r.otherIdNumber && p.idNumber && r.otherIdNumber === p.idNumber;
      if (byId || r.otherName === p.name) {
        hits.push({ kind: 'relation', party: p.name, evidence: `已登记的${RELATION_ZH[r.kind] ?? r.kind}关系：${r.otherName}${byId ? '（证件号码一致）' : '（姓名一致）'}` });
      }
    }
    const s1 = surnameOf(person.name);
    if (s1 && s1 === surnameOf(p.name) && person.address && normaliseAddress(person.address) === normaliseAddress(p.address)) {
      hits.push({ kind: 'surname_address', party: p.name, evidence: `同姓“${s1}”且住址相同：${p.address}` });
    }
    if (person.name === p.name) {
      hits.push({ kind: 'same_name', party: p.name, evidence: `姓名相同：${p.name}` });
    } else if (pinyinOfPerson && pinyinOfPerson === namePinyin(p.name)) {
      hits.push({ kind: 'pinyin_name', party: p.name, evidence: `姓名读音相同：${person.name} 与 ${p.name}（${pinyinOfPerson}）` });
    }
  }
  for (const f of formerParties) {
    hits.push({ kind: 'former_party', party: f.name, evidence: `曾是案件${f.caseNo}的当事人` });
  }
  return hits;
}

const mask = (id: string) => (id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id);

/** Gathers what a check needs from the database, and runs it. */
export async function checkConflicts(tx: Tx, caseId: number, person: { personId: number | null; name: string }): Promise<ConflictHit[]> {
  const stored = person.personId === null ? null : await lifecycleRepo.one<{ name: string; id_number: string | null; address: string | null }>(
    tx, `SELECT name, id_number, address FROM persons WHERE id = ?`, [person.personId]);
  const relations = person.personId === null ? [] : await lifecycleRepo.rows<{ kind: string; other_name: string; other_id_number: string | null }>(
    tx, `SELECT kind, other_name, other_id_number FROM person_relations WHERE person_id = ?`, [person.personId]);
  const parties = await lifecycleRepo.rows<{ name: string; id_number: string | null; address: string | null }>(
    tx, `SELECT name, id_number, address FROM parties WHERE case_id = ?`, [caseId]);
  const idNumber = stored?.id_number ?? null;
  // A former party: the same document number in another case, or the same name where no number is known.
  const former = idNumber
    ? await lifecycleRepo.rows<{ case_no: string; name: string }>(tx,
      `SELECT c.case_no, p.name FROM parties p JOIN cases c ON c.id = p.case_id WHERE p.id_number = ? AND p.case_id <> ? ORDER BY c.id LIMIT 5`, [idNumber, caseId])
    : [];
  return findConflicts(
    { name: stored?.name ?? person.name, idNumber, address: stored?.address ?? null,
      relations: relations.map((r) => ({ kind: r.kind, otherName: r.other_name, otherIdNumber: r.other_id_number })) },
    parties.map((p) => ({ name: p.name, idNumber: p.id_number, address: p.address })),
    former.map((f) => ({ caseNo: f.case_no, name: f.name })),
  );
}
