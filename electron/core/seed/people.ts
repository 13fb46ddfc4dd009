import { residentIdCheckChar } from '../../../shared/domain/identity';
import type { Random } from './random';

// Common surnames, most frequent first; the given-name characters are ordinary ones.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢金'.split('');
const GIVEN_MALE = '伟强磊军洋勇杰涛明超斌辉刚鹏华建国平文志宏海波鑫浩宇俊峰晨'.split('');
const GIVEN_FEMALE = '芳娜敏静丽艳娟霞秀英萍红玲燕婷雪琳慧颖佳倩婉梅兰晶洁'.split('');
const TOWNS = ['龙港市白沙社区', '龙港市河底高社区', '龙港市湖前社区', '龙港市海城社区', '龙港市芦浦社区', '龙港市平等社区', '龙港市新城社区', '龙港市江山社区'];
const ROADS = ['人民路', '龙翔路', '世纪大道', '河底高路', '平等路', '文卫路', '新城路', '海港路'];
const ETHNIC = ['汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '汉族', '畲族'];

export interface SyntheticPerson {
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string;
  address: string;
  ethnicity: string;
}

/** A synthetic resident ID with a valid GB 11643 check character (never a real person's). */
export function makeResidentId(birth: string, sex: 'male' | 'female', serial = 12, region = '330383'): string {
  const order = String((serial % 500) * 2 + (sex === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `${region}${birth.replaceAll('-', '')}${order}`;
  return first17 + residentIdCheckChar(first17);
}

export function syntheticName(r: Random, sex: 'male' | 'female', twoChars = r.chance(0.35)): string {
  const given = sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  return r.pick(SURNAMES) + r.pick(given) + (twoChars ? '' : r.pick(given));
}

export function syntheticPerson(r: Random, asOfYear: number): SyntheticPerson {
  const sex = r.chance(0.5) ? 'male' : 'female';
  const birthDate = `${r.int(asOfYear - 85, asOfYear - 19)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  return {
    name: syntheticName(r, sex),
    sex,
    birthDate,
    idNumber: makeResidentId(birthDate, sex, r.int(0, 499)),
    phone: `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`,
    address: `${r.pick(TOWNS)}${r.pick(ROADS)}${r.int(1, 899)}号`,
    ethnicity: r.pick(ETHNIC),
  };
}

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A unified social credit code (GB 32100) with a valid check character. */
export function makeCreditCode(r: Random): string {
  let body = '91330383';
  while (body.length < 17) body += CREDIT_ALPHABET[r.int(0, 30)];
  const sum = body.split('').reduce((s, c, i) => s + CREDIT_ALPHABET.indexOf(c) * CREDIT_WEIGHTS[i], 0);
  return body + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

const FIRMS = ['鑫达', '宏远', '龙腾', '华港', '恒丰', '新海', '瑞祥', '东方', '金利', '永盛'];
const TRADES = ['印刷', '包装', '物业管理', '建材', '塑业', '工艺礼品', '装饰工程', '物流'];

export function syntheticOrganisation(r: Random): { name: string; creditCode: string; representative: string } {
  return {
    name: `龙港市${r.pick(FIRMS)}${r.pick(TRADES)}有限公司`,
    creditCode: makeCreditCode(r),
    representative: syntheticName(r, r.chance(0.7) ? 'male' : 'female'),
  };
}
