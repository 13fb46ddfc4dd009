import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { CaseCreateSchema } from '../../shared/domain/case';
import { residentIdCheckChar } from '../../shared/domain/identity';
import { isBlankParty, locateField, toCaseCreate } from '../../renderer/cases/case-form';

const id = (first17: string) => first17 + residentIdCheckChar(first17);

describe('register form → CaseCreate', () => {
  const values = {
    category: 'neighbour' as const,
    channel: 'application' as const,
    referralBody: '不该发送',
    registeredOn: dayjs('2026-10-05'),
    summary: '  楼上漏水  ',
    requests: ['', ' 赔偿维修费 ', undefined, '道歉'],
    amount: '12,345.6',
    personsInvolved: null,
    applicants: [{ name: ' 陈静 ', idType: 'resident_id' as const, idNumber: id('33032719850312122').toLowerCase(), phone: '138 5771 2345', birthDate: dayjs('1985-03-12'), sex: 'female' as const }],
    respondents: [{ idType: 'resident_id' as const }, { name: '买买提·艾力', idType: 'resident_id' as const, idNumber: ' ' }],
    thirdParties: [{ name: '某物业公司', idType: 'passport' as const, idNumber: 'e1234567' }],
  };
  const mapped = toCaseCreate(values);

  it('sends money as integer fen, dates as ISO, trimmed text, no blank requests', () => {
    expect(mapped.input.amountFen).toBe(1234560);
    expect(mapped.input.registeredOn).toBe('2026-10-05');
    expect(mapped.input.summary).toBe('楼上漏水');
    expect(mapped.input.requests).toEqual(['赔偿维修费', '道歉']);
    expect(mapped.requestFields).toEqual([['requests', 1], ['requests', 3]]);
    expect(mapped.input.personsInvolved).toBeUndefined();
  });

  it('names a referring body only for referred channels', () => {
    expect(mapped.input.referralBody).toBeUndefined();
    expect(toCaseCreate({ ...values, channel: 'court_assigned' }).input.referralBody).toBe('不该发送');
  });

  it('leaves out untouched respondent cards and records a missing document as none', () => {
    expect(mapped.input.parties.map((p) => [p.role, p.name, p.idType, p.idNumber])).toEqual([
      ['applicant', '陈静', 'resident_id', id('33032719850312122')],
      ['respondent', '买买提·艾力', 'none', undefined],
      ['third_party', '某物业公司', 'passport', 'E1234567'],
    ]);
    expect(mapped.input.parties[0]).toMatchObject({ phone: '13857712345', birthDate: '1985-03-12', sex: 'female' });
    expect(mapped.partyFields).toEqual([['applicants', 0], ['respondents', 1], ['thirdParties', 0]]);
    expect(isBlankParty({ idType: 'resident_id' })).toBe(true);
    expect(isBlankParty({ idType: 'resident_id', phone: '1' })).toBe(false);
  });

  it('produces input the contract accepts', () => {
    expect(CaseCreateSchema.strict().safeParse(mapped.input).success).toBe(true);
  });

  it('maps server issue paths back onto form fields', () => {
    expect(locateField(['parties', 1, 'idNumber'], mapped)).toEqual(['respondents', 1, 'idNumber']);
    expect(locateField(['parties', 2, 'kind'], mapped)).toEqual(['thirdParties', 0, 'name']);
    expect(locateField(['requests', 1], mapped)).toEqual(['requests', 3]);
    expect(locateField(['amountFen'], mapped)).toEqual(['amount']);
    expect(locateField(['parties'], mapped)).toBeNull();
    expect(locateField(['nonsense'], mapped)).toBeNull();
  });
});
