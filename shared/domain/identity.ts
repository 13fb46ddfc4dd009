import type { IdType, Sex } from './enums';

/** A check that failed: an i18n key, its parameters, and the Chinese message. */
export interface Problem {
  key: string;
  message: string;
  params?: Record<string, string | number>;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CODES = '10X98765432';

export interface ResidentIdFacts {
  number: string;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
}

/** The GB 11643-1999 check character of the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CODES[sum % 11];
}

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const fail = (key: string, message: string, params?: Problem['params']): Checked<never> => ({
  ok: false, problem: { key, message, params },
});

/** Checks a resident ID (居民身份证) and reads birth date and sex from it. */
export function checkResidentId(raw: string, today?: string): Checked<ResidentIdFacts> {
  const number = raw.trim().toUpperCase();
  if (number.length !== 18) {
    return fail('validation.residentId.length', `身份证号码应为18位，现为${number.length}位，请核对`, { length: number.length });
  }
  if (!/^\d{17}[\dX]$/.test(number)) {
    return fail('validation.residentId.chars', '身份证号码前17位应为数字，第18位为数字或X，请核对');
  }
  const y = Number(number.slice(6, 10));
  const m = Number(number.slice(10, 12));
  const d = Number(number.slice(12, 14));
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  if (y < 1900 || !isRealDate(y, m, d) || (today !== undefined && birthDate > today)) {
    return fail('validation.residentId.birthDate', '身份证号码第7至14位的出生日期无效，请核对');
  }
  if (residentIdCheckChar(number) !== number[17]) {
    return fail('validation.residentId.checksum', '身份证号码第18位校验码不符，请核对');
  }
  return { ok: true, value: { number, birthDate, sex: Number(number[16]) % 2 === 1 ? 'male' : 'female' } };
}

// Shapes only: these documents carry no checksum we may enforce (DOMAIN.md).
const ID_SHAPES: Record<Exclude<IdType, 'resident_id' | 'none'>, RegExp> = {
  hk_macao_permit: /^[HM]\d{8}(\d{2})?$/,
  taiwan_permit: /^\d{8}(\d{2})?$/,
  hmt_residence_permit: /^8[123]\d{15}[\dX]$/,
  passport: /^[A-Z0-9]{5,17}$/,
  foreign_permanent_residence: /^([A-Z]{3}\d{12}|9\d{16}[\dX])$/,
};

export const ID_TYPE_ZH: Record<IdType, string> = {
  resident_id: '居民身份证',
  hk_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  hmt_residence_permit: '港澳台居民居住证',
  passport: '护照',
  foreign_permanent_residence: '外国人永久居留身份证',
  none: '无证件',
};

/** Normalises and checks an identity document number for its type. */
export function checkIdDocument(type: IdType, raw: string | undefined, today?: string): Checked<string | null> {
  const number = (raw ?? '').replace(/\s+/g, '').toUpperCase();
  if (type === 'none') return { ok: true, value: null };
  if (number === '') {
    return fail('validation.idNumber.missing', `请填写${ID_TYPE_ZH[type]}号码，或将证件类型选为“无证件”`, { type: ID_TYPE_ZH[type] });
  }
  if (type === 'resident_id') {
    const r = checkResidentId(number, today);
    return r.ok ? { ok: true, value: r.value.number } : r;
  }
  if (!ID_SHAPES[type].test(number)) {
    return fail('validation.idNumber.shape', `${ID_TYPE_ZH[type]}号码格式不正确，请核对`, { type: ID_TYPE_ZH[type] });
  }
  return { ok: true, value: number };
}

/** Normalises a phone: an 11-digit mobile starting with 1, or a landline with area code. */
export function checkPhone(raw: string): Checked<string> {
  const compact = raw.replace(/[\s()（）]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(compact)) return { ok: true, value: compact };
  const landline = /^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$/.exec(compact);
  if (landline) {
    const [, area, num, ext] = landline;
    return { ok: true, value: `${area}-${num}${ext ? `-${ext}` : ''}` };
  }
  return fail('validation.phone.shape', '联系电话应为11位手机号，或带区号的固定电话（如0577-68881234），请核对');
}
