import type { Dayjs } from 'dayjs';
import type { CaseCreate, PartyInput } from '../../shared/domain/case';
import { isReferral, type Category, type Channel, type IdType, type PartyRole, type Sex } from '../../shared/domain/enums';
import { checkPhone } from '../../shared/domain/identity';
import { yuanToFen } from '../../shared/domain/money';
import type { LocalCategory } from '../../shared/domain/categories';
import { parseLocalValue } from './categories';

type NamePath = (string | number)[];

export interface PartyValues {
  name?: string;
  sex?: Sex;
  idType?: IdType;
  idNumber?: string;
  phone?: string;
  address?: string;
  ethnicity?: string;
  birthDate?: Dayjs | null;
}

export interface CaseFormValues {
  /** A national category's code, or `local:<id>` for a local one (categories.ts). */
  category?: Category | string;
  channel?: Channel;
  referralBody?: string;
  registeredOn?: Dayjs | null;
  summary?: string;
  requests?: (string | undefined)[];
  amount?: string;
  personsInvolved?: number | null;
  leadMediatorId?: number;
  applicants?: PartyValues[];
  respondents?: PartyValues[];
  thirdParties?: PartyValues[];
}

export type PartyListName = 'applicants' | 'respondents' | 'thirdParties';
export const PARTY_LISTS: readonly { list: PartyListName; role: PartyRole }[] = [
  { list: 'applicants', role: 'applicant' },
  { list: 'respondents', role: 'respondent' },
  { list: 'thirdParties', role: 'third_party' },
];

export const emptyParty = (): PartyValues => ({ idType: 'resident_id' });

const clean = (s: string | undefined | null): string | undefined => {
  const v = (s ?? '').trim();
  return v === '' ? undefined : v;
};

/** A respondent or third-party card the user never filled in is left out, not an error. */
export const isBlankParty = (p: PartyValues | undefined): boolean =>
  !p || [p.name, p.idNumber, p.phone, p.address, p.ethnicity].every((v) => !clean(v)) && !p.sex && !p.birthDate;

function toParty(role: PartyRole, p: PartyValues): PartyInput {
  const idNumber = clean(p.idNumber?.replace(/\s+/g, ''))?.toUpperCase();
  // No number under the default document type: the party had no document at hand.
  const idType: IdType = !idNumber && (p.idType ?? 'resident_id') === 'resident_id' ? 'none' : (p.idType ?? 'resident_id');
  const phone = clean(p.phone);
  const checkedPhone = phone ? checkPhone(phone) : undefined;
  return {
    role,
    kind: 'person',
    name: (p.name ?? '').trim(),
    sex: p.sex,
    ethnicity: clean(p.ethnicity),
    birthDate: p.birthDate ? p.birthDate.format('YYYY-MM-DD') : undefined,
    idType,
    idNumber: idType === 'none' ? undefined : idNumber,
    phone: checkedPhone?.ok ? checkedPhone.value : phone,
    address: clean(p.address),
  };
}

export interface MappedCase {
  input: CaseCreate;
  /** Where parties[i] and requests[i] of the input came from in the form. */
  partyFields: NamePath[];
  requestFields: NamePath[];
}

/**
 * The form's values as the CaseCreate shape of shared/domain/case.ts (money in fen, dates ISO). A local category is
 * sent with its national roll-up, as the core stores it.
 */
export function toCaseCreate(v: CaseFormValues, locals: readonly LocalCategory[] = []): MappedCase {
  const parties: PartyInput[] = [];
  const partyFields: NamePath[] = [];
  for (const { list, role } of PARTY_LISTS) {
    (v[list] ?? []).forEach((p, i) => {
      if (role !== 'applicant' && isBlankParty(p)) return;
      parties.push(toParty(role, p ?? {}));
      partyFields.push([list, i]);
    });
  }
  const requests: string[] = [];
  const requestFields: NamePath[] = [];
  (v.requests ?? []).forEach((r, i) => {
    const text = clean(r);
    if (text) {
      requests.push(text);
      requestFields.push(['requests', i]);
    }
  });
  const amount = clean(v.amount);
  const channel = v.channel as Channel;
  const localId = parseLocalValue(v.category);
  const local = localId === null ? undefined : locals.find((l) => l.id === localId);
  const input: CaseCreate = {
    category: (local ? local.rollsUpTo : v.category) as Category,
    localCategoryId: localId ?? undefined,
    channel,
    referralBody: channel && isReferral(channel) ? clean(v.referralBody) : undefined,
    registeredOn: v.registeredOn ? v.registeredOn.format('YYYY-MM-DD') : undefined,
    summary: (v.summary ?? '').trim(),
    requests,
    amountFen: amount ? (yuanToFen(amount) ?? undefined) : undefined,
    personsInvolved: v.personsInvolved ?? undefined,
    leadMediatorId: v.leadMediatorId ?? undefined,
    parties,
  };
  return { input, partyFields, requestFields };
}

const TOP_LEVEL: Record<string, NamePath> = {
  category: ['category'], localCategoryId: ['category'], channel: ['channel'], referralBody: ['referralBody'], registeredOn: ['registeredOn'],
  summary: ['summary'], amountFen: ['amount'], personsInvolved: ['personsInvolved'], leadMediatorId: ['leadMediatorId'],
};
const PARTY_FIELDS = new Set(['name', 'sex', 'idType', 'idNumber', 'phone', 'address', 'ethnicity', 'birthDate']);

/** A server issue path (`parties.1.idNumber`) → the form field that shows it, or null. */
export function locateField(path: NamePath, mapped: Pick<MappedCase, 'partyFields' | 'requestFields'>): NamePath | null {
  const [head, index, field] = path;
  if (head === 'parties' && typeof index === 'number') {
    const at = mapped.partyFields[index];
    if (!at) return null;
    return typeof field === 'string' && PARTY_FIELDS.has(field) ? [...at, field] : [...at, 'name'];
  }
  if (head === 'requests' && typeof index === 'number') return mapped.requestFields[index] ?? null;
  if (typeof head === 'string' && TOP_LEVEL[head] && path.length === 1) return TOP_LEVEL[head];
  return null;
}
