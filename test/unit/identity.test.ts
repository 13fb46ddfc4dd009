import { describe, expect, it } from 'vitest';
import { checkIdDocument, checkPhone, checkResidentId, residentIdCheckChar } from '../../shared/domain/identity';
import { formatFen, yuanToFen } from '../../shared/domain/money';
import { addDays, ageOn, formatDateZh, isCalendarDate, shanghaiDate } from '../../shared/domain/dates';
import { defaultShortName } from '../../shared/domain/committee';
import { breakCheckChar, makeResidentId } from '../support/identity';

describe('resident ID (GB 11643-1999)', () => {
  it('computes the check character, X included', () => {
    // The standard's own worked example.
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(checkResidentId('11010519491231002x')).toEqual({ ok: true, value: { number: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' } });
  });

  it('reads birth date and sex', () => {
    const id = makeResidentId('1990-07-15', 'male', 7);
    expect(checkResidentId(id)).toEqual({ ok: true, value: { number: id, birthDate: '1990-07-15', sex: 'male' } });
  });

  it('names what is wrong, in Chinese', () => {
    const id = makeResidentId('1990-07-15', 'female', 7);
    expect(checkResidentId(breakCheckChar(id))).toMatchObject({ ok: false, problem: { key: 'validation.residentId.checksum', message: '身份证号码第18位校验码不符，请核对' } });
    expect(checkResidentId(id.slice(0, 17))).toMatchObject({ ok: false, problem: { message: '身份证号码应为18位，现为17位，请核对' } });
    expect(checkResidentId('33038319900715A07X')).toMatchObject({ ok: false, problem: { key: 'validation.residentId.chars' } });
    const feb30 = '33038319900230071';
    expect(checkResidentId(feb30 + residentIdCheckChar(feb30))).toMatchObject({ ok: false, problem: { key: 'validation.residentId.birthDate' } });
    expect(checkResidentId(makeResidentId('2030-01-01', 'male'), '2026-11-27')).toMatchObject({ ok: false, problem: { key: 'validation.residentId.birthDate' } });
  });
});

describe('other documents are checked for shape only', () => {
  it.each([
    ['hk_macao_permit', 'H12345678', true], ['hk_macao_permit', 'm1234567801', true], ['hk_macao_permit', 'A12345678', false],
    ['taiwan_permit', '12345678', true], ['taiwan_permit', '1234', false],
    ['hmt_residence_permit', '810000199001010012', true], ['hmt_residence_permit', '330383199001010012', false],
    ['passport', 'E12345678', true], ['passport', 'E-1', false],
    ['foreign_permanent_residence', 'USA123456789012', true], ['foreign_permanent_residence', '911000199001010012', true],
    ['foreign_permanent_residence', 'US1234', false],
  ] as const)('%s %s → %s', (type, number, good) => {
    expect(checkIdDocument(type, number).ok).toBe(good);
  });

  it('allows no document, and asks for the number when a type is chosen', () => {
    expect(checkIdDocument('none', undefined)).toEqual({ ok: true, value: null });
    expect(checkIdDocument('passport', ' ')).toMatchObject({ ok: false, problem: { message: '请填写护照号码，或将证件类型选为“无证件”' } });
  });
});

describe('phones', () => {
  it.each([
    ['13912345678', '13912345678'], ['139 1234 5678', '13912345678'], ['+8613912345678', '13912345678'],
    ['0577-68881234', '0577-68881234'], ['057768881234', '0577-68881234'], ['010-12345678', '010-12345678'],
    ['0577-6888123-201', '0577-6888123-201'],
  ])('%s is %s', (raw, normal) => expect(checkPhone(raw)).toEqual({ ok: true, value: normal }));

  it.each(['12345', '23912345678', '1391234567', '577-68881234'])('refuses %s', (raw) => {
    expect(checkPhone(raw)).toMatchObject({ ok: false, problem: { key: 'validation.phone.shape' } });
  });
});

describe('money and dates', () => {
  it('converts yuan to integer fen without floating point', () => {
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('12,345.67')).toBe(1234567);
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('9999999999999.99')).toBe(999999999999999);
    expect(formatFen(1234567)).toBe('¥12,345.67');
    expect(formatFen(5)).toBe('¥0.05');
  });

  it('writes dates the Chinese way and counts in Asia/Shanghai', () => {
    expect(formatDateZh('2026-10-05')).toBe('2026年10月5日');
    expect(shanghaiDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(ageOn('1990-07-15', '2026-07-14')).toBe(35);
  });

  it('derives the short name for case numbers', () => {
    expect(defaultShortName('白沙社区人民调解委员会')).toBe('白沙');
    expect(defaultShortName('龙港市人民调解委员会')).toBe('龙港市');
    expect(defaultShortName('湖前')).toBe('湖前');
  });
});
